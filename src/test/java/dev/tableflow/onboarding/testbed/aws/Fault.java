package dev.tableflow.onboarding.testbed.aws;

import java.time.Duration;

/** What the {@link AwsRecordingProxy} does to a request instead of (or before) forwarding it to moto. */
public sealed interface Fault {

    /** Answers with an AWS-shaped error (JSON or XML, by the request's protocol); moto never sees the request. */
    record ErrorResponse(int status, String code, String message) implements Fault {
    }

    /** Holds the request back, then forwards it: for client timeouts and slow-service behaviour. */
    record Delay(Duration delay) implements Fault {
    }

    /** Closes the connection without a response; SDKs see an I/O error and retry it as a transient failure. */
    record ConnectionReset() implements Fault {
    }

    /** The error AWS sends for a status: 400 is throttling, the case SDK and state-machine retries must absorb. */
    static Fault status(int status) {
        return switch (status) {
            case 400 -> new ErrorResponse(400, "ThrottlingException", "Rate exceeded");
            case 429 -> new ErrorResponse(429, "TooManyRequestsException", "Too many requests");
            case 500 -> new ErrorResponse(500, "InternalFailure", "The request processing has failed");
            case 503 -> new ErrorResponse(503, "ServiceUnavailable", "Service is unavailable");
            default -> new ErrorResponse(status, "InjectedFault", "Injected HTTP " + status);
        };
    }

    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    static Fault connectionReset() {
        return new ConnectionReset();
    }
}
