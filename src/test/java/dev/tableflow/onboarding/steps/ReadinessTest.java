package dev.tableflow.onboarding.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.http.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The polling schedule, on a clock the test moves: no assertion depends on how fast the machine runs. */
class ReadinessTest {

    private static final StepContext CONTEXT = new StepContext("CheckThing", "thing \"t\"");
    private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");
    /** What the state machine adds between two invocations: its flat 1 s NotReady Retry and the invoke itself. */
    private static final Duration BETWEEN_INVOCATIONS = Duration.ofMillis(1_200);
    /** What one check takes. */
    private static final Duration CALL = Duration.ofMillis(150);

    private final MovableClock clock = new MovableClock(START);
    private final Readiness readiness = new Readiness(new Deadline(), 1, clock, clock::advance);

    @Test
    void theGapIsFourPercentOfTheWaitBetweenTwoAndThirtySeconds() {
        assertThat(Readiness.gap(Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Readiness.gap(Duration.ofSeconds(50))).isEqualTo(Duration.ofSeconds(2));
        assertThat(Readiness.gap(Duration.ofSeconds(100))).isEqualTo(Duration.ofSeconds(4));
        assertThat(Readiness.gap(Duration.ofSeconds(500))).isEqualTo(Duration.ofSeconds(20));
        assertThat(Readiness.gap(Duration.ofSeconds(900))).isEqualTo(Duration.ofSeconds(30));
        assertThat(Readiness.gap(Duration.ofSeconds(-5))).as("a clock skewed behind the state machine's").isEqualTo(Duration.ofSeconds(2));
    }

    /**
     * A resource ready {@code delay} seconds after the wait began is seen within max(5 s, 5 %) of that moment, across as
     * many invocations as it takes, with a bounded number of checks (about 25 per e-fold of the wait, past 50 s).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 60, 180, 900, 1_300})
    void aResourceIsSeenWithinFivePercentOfTheMomentItIsReady(int delay) {
        Instant readyAt = START.plusSeconds(delay);
        AtomicInteger checks = new AtomicInteger();
        int invocations = 0;
        Instant seen = null;
        while (seen == null) {
            invocations++;
            try {
                seen = readiness.await(CONTEXT, START, () -> {
                    checks.incrementAndGet();
                    clock.advance(CALL);
                    if (clock.instant().isBefore(readyAt)) {
                        throw new NotReadyException(CONTEXT, "not yet");
                    }
                    return clock.instant();
                });
            } catch (NotReadyException e) {
                clock.advance(BETWEEN_INVOCATIONS);
            }
        }
        Duration late = Duration.between(readyAt, seen);
        Duration allowed = Duration.ofMillis(Math.max(5_000, delay * 50L));
        assertThat(late).as("%d s: seen %s after it was ready", delay, late).isLessThanOrEqualTo(allowed);
        assertThat(invocations).as("%d s: invocations, each polling for 40 s", delay).isLessThanOrEqualTo(delay / 40 + 1);
        // One check per 2 s for the first 50 s, then 1/0.04 = 25 per e-fold of the wait, and two more per invocation, at
        // the end of its budget and as the next begins: about 125 for a 900 s wait.
        double bound = delay / 2.0 + 1 + (delay <= 50 ? 0 : 25 * Math.log(delay / 50.0) - delay / 2.0 + 26) + 2 * invocations;
        assertThat(checks.get()).as("%d s: checks", delay).isLessThanOrEqualTo((int) Math.ceil(bound));
    }

    @Test
    void withoutPausesEachInvocationChecksOnce() {
        Readiness unpaused = new Readiness(new Deadline(), 0, clock, clock::advance);
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(() -> unpaused.await(CONTEXT, START, () -> {
            checks.incrementAndGet();
            throw new NotReadyException(CONTEXT, "not yet");
        })).isInstanceOf(NotReadyException.class).hasMessageContaining("not yet");
        assertThat(checks).as("the test bed's scale 0: the state machine's retries do the polling").hasValue(1);
    }

    @Test
    void withoutPausesAWholeWaitStillLastsItsBudget() {
        Readiness unpaused = new Readiness(new Deadline(), 0, clock, clock::advance);
        AtomicInteger checks = new AtomicInteger();
        String answer = unpaused.await(CONTEXT, START, Duration.ofMinutes(4), () -> {
            if (checks.incrementAndGet() <= 3) {
                throw new NotReadyException(CONTEXT, "refused");
            }
            return "accepted";
        });
        assertThat(answer).isEqualTo("accepted");
        assertThat(checks).as("a rotation's testSecret, which nothing invokes again, checks until accepted").hasValue(4);
    }

    @Test
    void anInvocationShortOfTimeChecksOnceAndLeavesTheRestToTheStateMachine() {
        Deadline deadline = new Deadline();
        deadline.start(Deadline.RESERVE.plusSeconds(2).toMillis());
        Readiness hurried = new Readiness(deadline, 1, clock, clock::advance);
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(() -> hurried.await(CONTEXT, START, Duration.ofMinutes(4), () -> {
            checks.incrementAndGet();
            throw new NotReadyException(CONTEXT, "not yet");
        })).isInstanceOf(NotReadyException.class);
        assertThat(checks).as("a 2 s gap and another call do not fit in 2 s").hasValue(1);
    }

    @Test
    void anythingButNotReadyEndsTheWaitAtOnce() {
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(() -> readiness.await(CONTEXT, START, () -> {
            checks.incrementAndGet();
            throw new IllegalStateException("FAILED");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(checks).hasValue(1);
    }

    @Test
    void theWaitStartsWhenTheStateMachineSaysOrNow() {
        assertThat(readiness.since(CONTEXT, "2026-12-07T11:59:00.123Z")).isEqualTo(Instant.parse("2026-12-07T11:59:00.123Z"));
        assertThat(readiness.since(CONTEXT, null)).isEqualTo(START);
        assertThatThrownBy(() -> readiness.since(CONTEXT, "yesterday")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid waitingSince");
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
