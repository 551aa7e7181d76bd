package dev.tableflow.onboarding.testbed.sfn;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * How one execution ended, with its event history.
 *
 * @param status SUCCEEDED, FAILED or TIMED_OUT
 * @param output the execution's output when it succeeded, else null
 * @param error  the Error of a failed execution (a Fail state's, or the uncaught errorType), else null
 * @param cause  its Cause; for a Lambda error, the function's error document as a JSON string, as in Step Functions
 * @param events one JSON object per event: {@code type} (StateEntered, StateExited, StateFailed, StateRetried,
 *               StateCaught, MapIteration*, ParallelBranch*, Execution*), {@code state}, {@code stateType},
 *               {@code input}, {@code output}, {@code error}, {@code cause}, {@code attempt}, {@code index}
 * @param executionArn the execution's ARN, {@code $$.Execution.Id} to its states
 */
public record ExecutionResult(String status, JsonNode output, String error, String cause, List<JsonNode> events,
                              String executionArn) {

    public boolean succeeded() {
        return status.equals("SUCCEEDED");
    }

    /** Names of the states entered, in order, repeats included (a retried state is entered once). */
    public List<String> statesEntered() {
        return events("StateEntered").stream().map(e -> e.path("state").asText()).toList();
    }

    /** How many times {@code state} was retried. */
    public long retries(String state) {
        return events("StateRetried").stream().filter(e -> e.path("state").asText().equals(state)).count();
    }

    /** The errors {@code state} failed with, in order, whether they were then retried, caught or fatal. */
    public List<String> errors(String state) {
        return events("StateFailed").stream()
                .filter(e -> e.path("state").asText().equals(state))
                .map(e -> e.path("error").asText())
                .toList();
    }

    /** The output of the last exit from {@code state}, or null if it never completed. */
    public JsonNode outputOf(String state) {
        return events("StateExited").stream()
                .filter(e -> e.path("state").asText().equals(state))
                .reduce((first, second) -> second)
                .map(e -> e.path("output"))
                .orElse(null);
    }

    public List<JsonNode> events(String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }
}
