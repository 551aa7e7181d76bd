package dev.tableflow.onboarding.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void pausesDoubleWithJitterAsDeployed() {
        Backoff backoff = new Backoff(1);
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.of(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
            assertThat(backoff.of(3)).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(2_000));
        }
    }

    @Test
    void theScaleMultipliesEveryPauseAndZeroRemovesThem() {
        for (int i = 0; i < 100; i++) {
            assertThat(new Backoff(0.5).of(2)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
            assertThat(new Backoff(0).of(7)).isZero();
        }
    }
}
