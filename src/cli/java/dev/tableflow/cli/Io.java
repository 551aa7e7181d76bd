package dev.tableflow.cli;

import java.io.BufferedReader;
import java.io.PrintStream;

/**
 * Where the CLI talks: {@code out} holds the result (the JSON document under {@code --json}), {@code err} the progress
 * and messages. {@code terminal} is true when a person is at the keyboard: only then does apply ask, and progress
 * updates one line in place.
 */
record Io(PrintStream out, PrintStream err, BufferedReader in, boolean terminal) {

    /** The progress channel: stdout for a person, stderr under --json so that stdout stays one JSON document. */
    PrintStream progress(boolean json) {
        return json ? err : out;
    }
}
