package dev.tableflow.onboarding.steps;

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
     * @param conflict says why an existing resource cannot be adopted (for instance an immutable field that
     *                 differs), or empty when it can
     */
    public static <R> Ensured<R> exists(StepContext context, Optional<R> found, Function<R, Optional<String>> conflict, Supplier<R> create) {
        if (found.isPresent()) {
            conflict.apply(found.get()).ifPresent(problem -> {
                throw new TerminalException(context, problem);
            });
            return report(context, found.get(), Outcome.ADOPTED);
        }
        return report(context, create.get(), Outcome.CREATED);
    }

    public static <R> Ensured<R> report(StepContext context, R resource, Outcome outcome) {
        LOG.infof("%s: %s", context, outcome.name().toLowerCase());
        return new Ensured<>(resource, outcome);
    }
}
