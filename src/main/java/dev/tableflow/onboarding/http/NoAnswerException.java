package dev.tableflow.onboarding.http;

/** No HTTP response at all (timeout, reset, refused connection); the message names the call and the I/O failure. */
public final class NoAnswerException extends RuntimeException {

    public NoAnswerException(String call, Throwable cause) {
        super(call + ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
    }
}
