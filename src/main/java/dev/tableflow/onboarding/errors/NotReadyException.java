package dev.tableflow.onboarding.errors;

/**
 * The resource exists but is not usable yet (a key still propagating, a PENDING phase). The state machine
 * polls by retrying the check step on this error with a bounded number of attempts.
 */
public final class NotReadyException extends StepException {

    public NotReadyException(StepContext context, String cause) {
        super(context, cause, null);
    }
}
