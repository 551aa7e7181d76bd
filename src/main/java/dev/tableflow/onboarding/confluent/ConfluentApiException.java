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

    public boolean retryable() {
        return status == 429 || status >= 500;
    }

    /** "409 Conflict: message" — what operators see at the end of a failed run. */
    public String describe() {
        return status + (code == null ? "" : " (" + code + ")") + ": " + getMessage();
    }
}
