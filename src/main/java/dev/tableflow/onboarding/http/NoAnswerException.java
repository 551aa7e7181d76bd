package dev.tableflow.onboarding.http;

/**
 * No HTTP response at all (timeout, reset, refused connection), or a request not sent because the invocation's time is
 * up; the message names the call and the failure.
 */
public final class NoAnswerException extends RuntimeException {

    public NoAnswerException(String call, Throwable cause) {
        super(call + ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
    }

    public NoAnswerException(String call, String reason) {
        super(call + ": " + reason);
    }
}
