package dev.tableflow.onboarding.testbed.confluent;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Confluent Cloud's request rate limit, simulated: at most {@code perSecond} requests are let through in any one-second
 * window (a sliding window, stricter than a token bucket, which would let a burst through on top of the rate). The
 * rest are answered 429 with {@code Retry-After} in whole seconds, as Confluent sends it, counted from the moment the
 * oldest request in the window leaves it. Requests refused here do not count against the window.
 */
final class RateLimit {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final int perSecond;
    /** When the requests let through in the last second arrived, oldest first. */
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();

    RateLimit(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("a rate limit needs at least one request per second: " + perSecond);
        }
        this.perSecond = perSecond;
    }

    /** Empty when the request may pass (it is then counted); otherwise the 429 to answer with. */
    synchronized Optional<Fault> admit(long nowNanos) {
        while (!admitted.isEmpty() && nowNanos - admitted.peekFirst() >= WINDOW_NANOS) {
            admitted.pollFirst();
        }
        if (admitted.size() < perSecond) {
            admitted.addLast(nowNanos);
            return Optional.empty();
        }
        long waitNanos = admitted.peekFirst() + WINDOW_NANOS - nowNanos;
        int retryAfterSeconds = (int) Math.max(1, (waitNanos + WINDOW_NANOS - 1) / WINDOW_NANOS);
        return Optional.of(Fault.rateLimited(retryAfterSeconds));
    }

    int perSecond() {
        return perSecond;
    }
}
