package dev.tableflow.onboarding.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The pause before repeating a call in process: doubling from 250 ms, with jitter so that parallel callers spread. */
public final class Backoff {

    private Backoff() {}

    /** 250-500 ms before the second attempt, 500-1000 ms before the third, and so on. */
    public static Duration of(int attempt) {
        long base = 250L << (attempt - 1);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base));
    }

    public static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
