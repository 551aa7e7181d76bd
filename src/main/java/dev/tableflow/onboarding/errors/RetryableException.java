package dev.tableflow.onboarding.errors;

/** A transient failure (429, 5xx, timeout, connection reset): the state machine retries the step with backoff. */
public final class RetryableException extends StepException {

    public RetryableException(StepContext context, String cause, Throwable origin) {
        super(context, cause, origin);
    }
}
