package dev.tableflow.onboarding.aws;

import java.util.Set;

/**
 * An AWS API's error answer, with AWS's own error code (the part of {@code __type} or {@code <Code>} that names it,
 * such as {@code ResourceNotFoundException}) and message. {@link AwsCalls} turns it into the workflow's retryable or
 * terminal error; the clients catch the codes that mean "not there".
 *
 * @param status the HTTP status, or 0 when no request could be made (no credentials)
 */
public final class AwsApiException extends RuntimeException {

    /** The codes AWS uses for throttling whatever the status; the SDK's standard retry mode uses the same list. */
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
            "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
            "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException");

    private final int status;
    private final String code;

    public AwsApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean is(String errorCode) {
        return errorCode.equals(code);
    }

    /** Throttling and server errors: the request was not processed, or may succeed when repeated. */
    public boolean retryable() {
        return status == 429 || status >= 500 || THROTTLING.contains(code);
    }

    /** "ResourceNotFoundException: message": what operators see at the end of a failed run. */
    public String describe() {
        return code + ": " + getMessage();
    }
}
