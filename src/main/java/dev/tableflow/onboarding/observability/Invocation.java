package dev.tableflow.onboarding.observability;

/**
 * What a state machine tells a step about the call: every Task state passes
 * {@code "invocation": {"executionId.$": "$$.Execution.Id", "retryCount.$": "$$.State.RetryCount"}} in its
 * Parameters, since a function invoked by its ARN learns nothing else about the execution. Only these two travel,
 * to keep state payloads small.
 *
 * @param executionId the execution's ARN
 * @param retryCount  0 on the state's first attempt, n on its n-th retry
 */
public record Invocation(String executionId, int retryCount) {

    /** A step input a workflow sends; {@link #invocation()} is null when the function is invoked directly. */
    public interface Carrier {
        Invocation invocation();
    }
}
