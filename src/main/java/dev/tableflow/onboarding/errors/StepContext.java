package dev.tableflow.onboarding.errors;

/** Where a failure happened: the workflow step and the resource it was working on, as operators read them. */
public record StepContext(String step, String resource) {

    @Override
    public String toString() {
        return step + ": " + resource;
    }
}
