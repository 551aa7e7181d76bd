package dev.tableflow.cli;

/** A refusal or failure the CLI explains in one message and ends with a non-zero exit status, never a stack trace. */
class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }
}
