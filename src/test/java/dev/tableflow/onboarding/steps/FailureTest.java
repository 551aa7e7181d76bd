package dev.tableflow.onboarding.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A caught error as Step Functions hands it over, read back for the outcome event. */
class FailureTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode caught(String type, String errorMessage) {
        ObjectNode lambdaError = JSON.createObjectNode().put("errorType", type).put("errorMessage", errorMessage);
        lambdaError.putArray("stackTrace").add("dev.tableflow.onboarding.steps.onboarding.EnsureTopic.run(EnsureTopic.java:60)");
        return JSON.createObjectNode().put("Error", type).put("Cause", lambdaError.toString());
    }

    @Test
    void ourErrorsNameTheStepTheResourceAndConfluentsMessage() {
        Failure failure = Failure.from(caught("dev.tableflow.onboarding.errors.TerminalException",
                "EnsureTopic: topic \"orders\": 403 (40301): Authorization failed: requires DeveloperManage"));

        assertThat(failure).isEqualTo(new Failure("dev.tableflow.onboarding.errors.TerminalException", "EnsureTopic", "topic \"orders\"",
                "403 (40301): Authorization failed: requires DeveloperManage"));
    }

    @Test
    void lambdasOwnErrorsKeepTheirMessageWholeWithoutAMadeUpStep() {
        Failure failure = Failure.from(caught("Sandbox.Timedout",
                "RequestId: 4f5e8a6c-1b2d-4e3f-9a8b-7c6d5e4f3a2b Error: Task timed out after 30.00 seconds"));

        assertThat(failure.step()).isEqualTo("unknown");
        assertThat(failure.resource()).isEqualTo("unknown");
        assertThat(failure.cause()).isEqualTo("RequestId: 4f5e8a6c-1b2d-4e3f-9a8b-7c6d5e4f3a2b Error: Task timed out after 30.00 seconds");
        assertThat(failure.errorType()).isEqualTo("Sandbox.Timedout");
    }

    @Test
    void theStackTraceNeverTravels() {
        Failure failure = Failure.from(caught("java.lang.IllegalStateException", "a 2xx answer that is not JSON"));

        assertThat(failure.toString()).doesNotContain("EnsureTopic.java").contains("a 2xx answer that is not JSON");
    }
}
