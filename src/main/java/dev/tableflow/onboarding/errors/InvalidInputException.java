package dev.tableflow.onboarding.errors;

/** Input or configuration that is refused before anything is created; the message names the field. */
public final class InvalidInputException extends StepException {

    public InvalidInputException(StepContext context, String field, String problem) {
        super(context, "invalid " + field + ": " + problem, null);
    }
}
