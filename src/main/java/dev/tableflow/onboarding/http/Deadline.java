package dev.tableflow.onboarding.http;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When the current invocation must have answered: Lambda's deadline less a reserve for reporting. Calls are cut to
 * it and in-process retries stop before it, so a step short of time fails as its own error, naming the step, the
 * resource and the last answer, which the state machines retry. A Lambda timeout instead names no step and keeps no
 * message. Set by the step observer from Lambda's context; a Lambda container serves one invocation at a time.
 * Without an invocation (tests, tools) there is no deadline.
 */
@ApplicationScoped
public class Deadline {

    /** Kept back to turn the last failure into the step's error and hand it to Lambda. */
    public static final Duration RESERVE = Duration.ofSeconds(2);
    /** The least time worth starting a call with. */
    public static final Duration SHORTEST_CALL = Duration.ofSeconds(1);

    private final LongSupplier nanoTime;
    private volatile long endsAtNanos;
    private volatile boolean set;

    public Deadline() {
        this(System::nanoTime);
    }

    /** @param nanoTime the clock, stepped by hand in tests so no assertion depends on how fast they run */
    Deadline(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** @param remainingMillis Lambda's {@code getRemainingTimeInMillis()} as the invocation starts */
    public void start(long remainingMillis) {
        endsAtNanos = nanoTime.getAsLong() + Duration.ofMillis(remainingMillis).minus(RESERVE).toNanos();
        set = true;
    }

    public void clear() {
        set = false;
    }

    /** {@code timeout}, or the time left if that is shorter. */
    public Duration cap(Duration timeout) {
        return set && left().compareTo(timeout) < 0 ? left() : timeout;
    }

    /** Whether a pause of {@code wait} (zero: none) still leaves time for one more call. */
    public boolean allows(Duration wait) {
        return !set || left().compareTo(wait.plus(SHORTEST_CALL)) >= 0;
    }

    private Duration left() {
        return Duration.ofNanos(Math.max(0, endsAtNanos - nanoTime.getAsLong()));
    }
}
