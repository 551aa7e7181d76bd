package dev.tableflow.onboarding.testbed.confluent;

import java.time.Duration;

/** Something that goes wrong instead of the normal answer. Build with the static factories. */
public final class Fault {

    public enum Kind { STATUS, RATE_LIMITED, CONNECTION_RESET, HANG }

    private final Kind kind;
    private final int status;
    private final int retryAfterSeconds;
    private final Duration hold;

    private Fault(Kind kind, int status, int retryAfterSeconds, Duration hold) {
        this.kind = kind;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.hold = hold;
    }

    /** An error status (500, 502, 503, ...) with the family's error body. */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("Fault status must be 4xx/5xx: " + status);
        }
        return status == 429 ? rateLimited(1) : new Fault(Kind.STATUS, status, 0, Duration.ZERO);
    }

    /** 429 with {@code Retry-After} and exhausted {@code X-RateLimit-*} headers. */
    public static Fault rateLimited(int retryAfterSeconds) {
        return new Fault(Kind.RATE_LIMITED, 429, retryAfterSeconds, Duration.ZERO);
    }

    /** The connection is closed without any response bytes. */
    public static Fault connectionReset() {
        return new Fault(Kind.CONNECTION_RESET, 0, 0, Duration.ZERO);
    }

    /** The server holds the connection for {@code hold} without a byte, then closes it: a hung Confluent Cloud. */
    public static Fault hang(Duration hold) {
        return new Fault(Kind.HANG, 0, 0, hold);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Duration hold() {
        return hold;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STATUS -> "status(" + status + ")";
            case RATE_LIMITED -> "rateLimited(" + retryAfterSeconds + "s)";
            case CONNECTION_RESET -> "connectionReset()";
            case HANG -> "hang(" + hold.toMillis() + "ms)";
        };
    }
}
