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
        conflict.apply(found.get()).ifPresent(problem -> {
            throw new TerminalException(context, problem);
        });
        return report(context, found.get(), Outcome.ADOPTED);
    }

    public static <R> Ensured<R> report(StepContext context, R resource, Outcome outcome) {
        LOG.infof("%s: %s", context, outcome.name().toLowerCase());
        return new Ensured<>(resource, outcome);
    }
}
