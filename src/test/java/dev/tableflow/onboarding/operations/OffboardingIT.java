package dev.tableflow.onboarding.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Topic offboarding through the real offboarding ASL, on an environment where topic2 was onboarded. */
class OffboardingIT extends WorkflowTestBase {

    static final String OFFBOARD_TOPIC2 = TestBed.sampleDetail("offboard-topic2.json");

    @BeforeEach
    void onboardedTopic2() {
        bed.reset();
        assertThat(bed.bootstrap().succeeded()).isTrue();
        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
    }

    @Test
    void offboardingDisablesTableflowAndKeepsTheDataUnlessAsked() {
        ExecutionResult run = bed.stepFunctions.run("OffboardingStateMachine", OFFBOARD_TOPIC2);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.tableflowTopics().list()).isEmpty();
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId())).hasSize(1);
        assertThat(bed.confluent.schemaRegistry().subjects()).containsExactly("topic2-value");
        JsonNode event = single(bed.outcomeEvents());
        outcomes.add(event);
        assertThat(event.path("detail-type").asText()).isEqualTo("TopicOffboarded");
        assertThat(event.path("detail").path("resources").path("topicDeleted").asBoolean()).isFalse();
    }

    @Test
    void schemaAndTopicAreDeletedWhenAskedAndARerunDeletesNothingMore() {
        String request = "{\"topic\":\"topic2\",\"deleteSchema\":true,\"deleteTopic\":true}";

        assertThat(bed.stepFunctions.run("OffboardingStateMachine", request).succeeded()).isTrue();
        long writes = bed.confluent.writes();
        ExecutionResult rerun = bed.stepFunctions.run("OffboardingStateMachine", request);

        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.tableflowTopics().list()).isEmpty();
        assertThat(bed.confluent.schemaRegistry().subjects()).isEmpty();
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId())).isEmpty();
        assertThat(bed.confluent.writes()).as("nothing left to delete").isEqualTo(writes);
        assertThat(rerun.outputOf("DisableTableflowTopic").path("offboarding").path("outcome").asText()).isEqualTo("UNCHANGED");
    }

    @Test
    void badRequestIsRefusedBeforeAnythingIsDeleted() {
        refusedAndReported("{\"topic\":\"topic2\",\"deleteTopic\":\"yes\"}", "invalid deleteTopic");
        assertThat(bed.confluent.tableflowTopics().list()).hasSize(1);
    }

    @Test
    void malformedTopicNameIsRefusedAndStillPublishedAsAFailure() {
        JsonNode failed = refusedAndReported("{\"topic\":\"my topic\"}", "invalid topic");
        assertThat(failed.path("detail").path("topic").asText()).as("what the request said, to find it by").isEqualTo("my topic");
    }

    /** The run fails at its first step without a write, and the failure is still published: the returned event. */
    private JsonNode refusedAndReported(String request, String cause) {
        long writes = bed.confluent.writes();

        ExecutionResult run = bed.stepFunctions.run("OffboardingStateMachine", request);

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("dev.tableflow.onboarding.errors.InvalidInputException");
        assertThat(run.cause()).contains("DisableTableflowTopic").contains(cause);
        assertThat(bed.confluent.writes()).isEqualTo(writes);
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOffboardingFailed");
        assertThat(failed.path("detail").path("step").asText()).isEqualTo("DisableTableflowTopic");
        return failed;
    }
}
