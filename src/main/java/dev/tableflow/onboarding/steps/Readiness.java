package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.config.RuntimeConfig;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.http.Backoff;
import dev.tableflow.onboarding.http.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waiting for something Confluent or AWS makes ready on its own (a key propagating, a TableFlow topic going RUNNING,
 * its table appearing in Glue): the check is repeated in process, a gap of 4 % of the time waited so far apart (at
 * least 2 s, at most 30 s), for up to {@link #PER_INVOCATION} per invocation, then it answers {@link NotReadyException}
 * and the state machine invokes it again at once (a flat 1 s Retry). A state machine Retry whose interval grows can
 * wait up to a minute past the moment the resource became ready; this answers within 4 % of the wait, plus one call
 * (RELIABILITY.md §6 "Readiness": why in process rather than in Retry intervals or on Glue's events).
 */
@ApplicationScoped
public class Readiness {

    private static final Logger LOG = Logger.getLogger(Readiness.class);

    /** How long one invocation polls: the function's 60 s timeout less room for the last call and the report. */
    public static final Duration PER_INVOCATION = Duration.ofSeconds(40);
    static final double GAP_SHARE = 0.04;
    static final Duration SHORTEST_GAP = Duration.ofSeconds(2);
    static final Duration LONGEST_GAP = Duration.ofSeconds(30);

    private final Deadline deadline;
    private final double scale;
    private final Clock clock;
    private final Consumer<Duration> sleep;

    @Inject
    public Readiness(Deadline deadline, Backoff backoff, RuntimeConfig runtime) {
        this(deadline, runtime.backoffScale(), Clock.systemUTC(), backoff::sleep);
    }

    /**
     * @param scale multiplies every gap and the time spent polling (RuntimeConfig.backoffScale): the test bed's 0 makes
     *              each invocation check once, as its state machines' Retry intervals are cut
     * @param sleep pauses for a gap; a test advances {@code clock} instead
     */
    public Readiness(Deadline deadline, double scale, Clock clock, Consumer<Duration> sleep) {
        this.deadline = deadline;
        this.scale = scale;
        this.clock = clock;
        this.sleep = sleep;
    }

    /**
     * {@link #await(StepContext, Instant, Duration, Supplier)} for {@link #PER_INVOCATION}, scaled like the gaps: for a
     * step the state machine invokes again.
     */
    public <T> T await(StepContext context, Instant waitingSince, Supplier<T> check) {
        return await(context, waitingSince, scaled(PER_INVOCATION), check);
    }

    /**
     * Runs {@code check} until it returns, repeating it while it answers {@link NotReadyException}; that answer is
     * rethrown once {@code budget} is spent or the invocation's deadline leaves no room for another gap and call. For a
     * step nothing invokes again (a rotation's testSecret), {@code budget} is the whole wait, and is not scaled.
     *
     * @param waitingSince when the wait began (the state machine's {@code $$.State.EnteredTime}), which sets the gaps
     */
    public <T> T await(StepContext context, Instant waitingSince, Duration budget, Supplier<T> check) {
        Instant started = clock.instant();
        Instant giveUpAt = started.plus(budget);
        for (int poll = 1; ; poll++) {
            try {
                return check.get();
            } catch (NotReadyException e) {
                // The last gap is cut to what is left of the budget, so that every invocation polls for all of it: the
                // state machine's MaxAttempts are counted on that (WorkflowLimitsTest).
                Duration left = Duration.between(clock.instant(), giveUpAt);
                Duration gap = scaled(gap(Duration.between(waitingSince, clock.instant())));
                gap = gap.compareTo(left) < 0 ? gap : left;
                if (!left.isPositive() || !deadline.allows(gap)) {
                    LOG.infof("%s: not ready after %d polls in this invocation: %s", context, poll, e.getMessage());
                    throw e;
                }
                sleep.accept(gap);
            }
        }
    }

    /** The pause before the next check, after waiting {@code waited}: answers within about 4 % of the wait. */
    static Duration gap(Duration waited) {
        Duration share = Duration.ofMillis(Math.round(Math.max(0, waited.toMillis()) * GAP_SHARE));
        return share.compareTo(SHORTEST_GAP) < 0 ? SHORTEST_GAP : share.compareTo(LONGEST_GAP) > 0 ? LONGEST_GAP : share;
    }

    /** The wait's start as the state machine passes it; now when invoked directly (no state machine). */
    public Instant since(StepContext context, String waitingSince) {
        if (waitingSince == null || waitingSince.isBlank()) {
            return clock.instant();
        }
        try {
            return Instant.parse(waitingSince);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(context, "waitingSince", "an ISO-8601 instant such as $$.State.EnteredTime");
        }
    }

    private Duration scaled(Duration duration) {
        return Duration.ofMillis(Math.round(duration.toMillis() * scale));
    }
}
