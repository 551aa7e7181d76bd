package dev.tableflow.onboarding.http;

import dev.tableflow.onboarding.config.RuntimeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The pause before repeating a call in process: doubling from 250 ms, with jitter so that parallel callers spread. */
@ApplicationScoped
public class Backoff {

    private final double scale;

    @Inject
    public Backoff(RuntimeConfig runtime) {
        this(runtime.backoffScale());
    }

    /** @param scale multiplies every pause: 1 as deployed (see {@link RuntimeConfig#backoffScale()}) */
    public Backoff(double scale) {
        this.scale = scale;
    }

    /** 250-500 ms before the second attempt, 500-1000 ms before the third, and so on. */
    public Duration of(int attempt) {
        long base = 250L << (attempt - 1);
        return Duration.ofMillis(Math.round((base + ThreadLocalRandom.current().nextLong(base)) * scale));
    }

    public void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
