package dev.tableflow.onboarding.errors;

/**
 * Base of the errors a step reports. The Lambda runtime reports a thrown exception's fully qualified class
 * name as {@code errorType}, which is what the state machines' Retry and Catch match on, so every concrete
 * subclass is final and means one thing to the workflow.
 * <p>
 * Messages read "step: resource: cause" and never contain a secret.
 */
public abstract sealed class StepException extends RuntimeException
        permits RetryableException, TerminalException, NotReadyException, InvalidInputException {

    private final StepContext context;

    protected StepException(StepContext context, String cause, Throwable origin) {
        super(context + ": " + cause, origin, false, true);
        this.context = context;
    }

    public StepContext context() {
        return context;
    }

    /** The message without its "step: resource: " prefix. */
    public String problem() {
        return getMessage().substring(context.toString().length() + 2);
    }
}
