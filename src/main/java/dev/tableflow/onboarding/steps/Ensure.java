package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.confluent.ConfluentApiException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shape every step shares: look the resource up, decide whether what exists can be adopted, act only when
 * it is missing, and report what happened. Keeping it in one place is what makes a re-run write nothing.
 */
public final class Ensure {

    private static final Logger LOG = Logger.getLogger(Ensure.class);

    /** What a step did; a re-run of a finished workflow reports only ADOPTED and UNCHANGED. */
    public enum Outcome { CREATED, ADOPTED, REPLACED, UPDATED, UNCHANGED, DELETED }

    public record Ensured<R>(R resource, Outcome outcome) {}

    /**
     * What a dry run would do to a resource (README "Plan before apply"): UNKNOWN when it cannot be looked up without
     * writing first (its API key does not exist yet). A refusal is the step's own error, as in an apply.
     */
    public enum Action { CREATE, ADOPT, UPDATE, REPLACE, UNKNOWN }

    /** A dry run's decision in place of the step's act, with why, in words a person reads. */
    public record Planned(Action action, String reason) {}

    /** A step output that says what the step did; the step's metrics carry it as their Outcome. */
    public interface Reported {
        Outcome outcome();
    }

    private Ensure() {}

    /**
     * @param lookup   finds the resource by its name or natural key
     * @param conflict says why an existing resource cannot be adopted (for instance an immutable field that
     *                 differs), or empty when it can
     * @param create   creates it when the lookup found nothing; Confluent answers 409 when a concurrent run of the
     *                 same step created it in between, and that resource is then looked up again and adopted
     */
    public static <R> Ensured<R> exists(StepContext context, Supplier<Optional<R>> lookup, Function<R, Optional<String>> conflict,
            Supplier<R> create) {
        Optional<R> found = lookup.get();
        if (found.isEmpty()) {
            try {
                return report(context, create.get(), Outcome.CREATED);
            } catch (TerminalException e) {
                if (!ConfluentApiException.answered(e, 409)) {
                    throw e;
                }
                found = lookup.get();
                if (found.isEmpty()) {
                    throw e; // a conflict with something else, in Confluent's own words
                }
            }
        }
        refuseConflict(context, found.get(), conflict);
        return report(context, found.get(), Outcome.ADOPTED);
    }

    /**
     * A dry run's {@link #exists}: the same look-up and the same refusal of what cannot be adopted, stopping before the
     * create. Empty when the resource would be created.
     */
    public static <R> Optional<R> wouldAdopt(StepContext context, Supplier<Optional<R>> lookup, Function<R, Optional<String>> conflict) {
        Optional<R> found = lookup.get();
        found.ifPresent(resource -> refuseConflict(context, resource, conflict));
        return found;
    }

    /** Reports a dry run's decision; the step's output carries it instead of an outcome, since nothing was done. */
    public static Planned plan(StepContext context, Action action, String reason) {
        LOG.infof("%s: would %s: %s", context, action.name().toLowerCase(), reason);
        return new Planned(action, reason);
    }

    private static <R> void refuseConflict(StepContext context, R resource, Function<R, Optional<String>> conflict) {
        conflict.apply(resource).ifPresent(problem -> {
            throw new TerminalException(context, problem);
        });
    }

    public static <R> Ensured<R> report(StepContext context, R resource, Outcome outcome) {
        LOG.infof("%s: %s", context, outcome.name().toLowerCase());
        return new Ensured<>(resource, outcome);
    }
}
