package dev.tableflow.onboarding.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTest {

    /** Moves only when a test moves it. */
    private final AtomicLong clock = new AtomicLong();
    private final Deadline deadline = new Deadline(clock::get);

    @Test
    void withoutAnInvocationNothingIsCutOrRefused() {
        assertThat(deadline.cap(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
        assertThat(deadline.allows(Duration.ofHours(1))).isTrue();
    }

    @Test
    void anInvocationsRemainingTimeLessTheReserveBoundsCallsAndPauses() {
        deadline.start(Duration.ofSeconds(60).toMillis());
        Duration left = Duration.ofSeconds(60).minus(Deadline.RESERVE);

        assertThat(deadline.cap(Duration.ofSeconds(20))).as("a timeout well within the time left").isEqualTo(Duration.ofSeconds(20));
        assertThat(deadline.cap(Duration.ofMinutes(5))).as("cut to what is left before the reserve").isEqualTo(left);
        assertThat(deadline.allows(left.minus(Deadline.SHORTEST_CALL))).as("a pause that leaves just one call").isTrue();

        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        left = left.minusSeconds(30);
        assertThat(deadline.cap(Duration.ofMinutes(5))).as("the time left runs down with the clock").isEqualTo(left);
        assertThat(deadline.allows(left.minus(Deadline.SHORTEST_CALL))).isTrue();
        clock.incrementAndGet();
        assertThat(deadline.allows(left.minus(Deadline.SHORTEST_CALL))).as("a nanosecond later no call would fit after it").isFalse();
    }

    @Test
    void noTimeLeftRefusesEvenAnImmediateCall() {
        deadline.start(Deadline.RESERVE.toMillis());

        assertThat(deadline.allows(Duration.ZERO)).isFalse();
        assertThat(deadline.cap(Duration.ofSeconds(5))).isZero();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(deadline.cap(Duration.ofSeconds(5))).as("past the deadline: still zero, never negative").isZero();
    }

    @Test
    void clearingEndsTheInvocationsDeadline() {
        deadline.start(0);
        deadline.clear();

        assertThat(deadline.allows(Duration.ofSeconds(10))).isTrue();
        assertThat(deadline.cap(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }
}
