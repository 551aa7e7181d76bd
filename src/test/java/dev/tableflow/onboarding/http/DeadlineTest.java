package dev.tableflow.onboarding.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTest {

    private final Deadline deadline = new Deadline();

    @Test
    void withoutAnInvocationNothingIsCutOrRefused() {
        assertThat(deadline.cap(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
        assertThat(deadline.allows(Duration.ofHours(1))).isTrue();
    }

    @Test
    void anInvocationsRemainingTimeLessTheReserveBoundsCallsAndPauses() {
        deadline.start(Duration.ofSeconds(60).toMillis());

        assertThat(deadline.cap(Duration.ofSeconds(20))).as("a timeout well within the time left").isEqualTo(Duration.ofSeconds(20));
        assertThat(deadline.cap(Duration.ofMinutes(5))).as("cut to what is left before the reserve")
                .isLessThanOrEqualTo(Duration.ofSeconds(60).minus(Deadline.RESERVE)).isGreaterThan(Duration.ofSeconds(50));
        assertThat(deadline.allows(Duration.ofSeconds(30))).isTrue();
        assertThat(deadline.allows(Duration.ofSeconds(58).minus(Deadline.SHORTEST_CALL))).as("no call would fit after it").isFalse();
    }

    @Test
    void noTimeLeftRefusesEvenAnImmediateCall() {
        deadline.start(Deadline.RESERVE.toMillis());

        assertThat(deadline.allows(Duration.ZERO)).isFalse();
        assertThat(deadline.cap(Duration.ofSeconds(5))).isZero();
    }

    @Test
    void clearingEndsTheInvocationsDeadline() {
        deadline.start(0);
        deadline.clear();

        assertThat(deadline.allows(Duration.ofSeconds(10))).isTrue();
        assertThat(deadline.cap(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }
}
