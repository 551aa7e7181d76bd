package dev.tableflow.onboarding.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.testbed.sfn.TaskState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Task state that invokes one of our functions, in every workflow of statemachine/, tells it the execution id
 * and its retry count: the function's logs and metrics carry them (observability/Invocation). Nothing else about the
 * call travels, to keep the state payloads small.
 */
class TaskInvocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode INVOCATION = JSON.createObjectNode()
            .put("executionId.$", "$$.Execution.Id").put("retryCount.$", "$$.State.RetryCount");

    @Test
    void everyTaskStateThatInvokesAFunctionPassesTheInvocation() {
        List<TaskState> tasks = TaskState.all();

        assertThat(tasks).as("Task states invoking a function").hasSizeGreaterThanOrEqualTo(24);
        assertThat(tasks).filteredOn(task -> !INVOCATION.equals(task.state().path("Parameters").path("invocation")))
                .extracting(task -> task.where() + task.name()).as("Task states without Parameters.invocation = " + INVOCATION).isEmpty();
    }
}
