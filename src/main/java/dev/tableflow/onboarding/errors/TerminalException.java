package dev.tableflow.onboarding.errors;

/** A failure that retrying cannot fix (400, 401, 403, 409, 422, a conflicting resource, a FAILED phase). */
public final class TerminalException extends StepException {

    public TerminalException(StepContext context, String cause) {
        super(context, cause, null);
    }

    public TerminalException(StepContext context, String cause, Throwable origin) {
        super(context, cause, origin);
    }
}
