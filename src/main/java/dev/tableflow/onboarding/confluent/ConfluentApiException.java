package dev.tableflow.onboarding.confluent;

import java.util.OptionalLong;

/**
 * A non-2xx answer from a Confluent Cloud API, as {@link ConfluentHttp} raises it. {@link ConfluentCalls} turns it into
 * the workflow's retryable or terminal error; nothing else should catch it.
 *
 * @param message Confluent's own message (from {@code errors[].detail} or {@code message})
 */
public final class ConfluentApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final OptionalLong retryAfterSeconds;

    public ConfluentApiException(int status, String code, String message, OptionalLong retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** Confluent's application error code ({@code errors[].code}, or {@code error_code} such as 40002), or null. */
    public String code() {
        return code;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 429 and 5xx, and 408: the server gave up waiting for the request, which a repeat may well get through. */
    public boolean retryable() {
        return status == 408 || status == 429 || status >= 500;
    }

    /** 401 or 403: the key was refused, or its owner may not do this. */
    public boolean denied() {
        return status == 401 || status == 403;
    }

    /** Whether {@code failure} is the error {@link ConfluentCalls} raised for an answer with this status. */
    public static boolean answered(Throwable failure, int status) {
        return failure.getCause() instanceof ConfluentApiException api && api.status() == status;
    }

    /** "409 Conflict: message" — what operators see at the end of a failed run. */
    public String describe() {
        return status + (code == null ? "" : " (" + code + ")") + ": " + getMessage();
    }
}
