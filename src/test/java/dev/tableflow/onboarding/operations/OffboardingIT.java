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
    static final String DELETE_TOPIC2_DATA = TestBed.sampleDetail("delete-topic2-data.json");
    static final String OFFBOARDING = "TopicOffboardingRequested";
    static final String DATA_DELETION = "TopicDataDeletionRequested";

    @BeforeEach
    void onboardedTopic2() {
        bed.reset();
        assertThat(bed.bootstrap().succeeded()).isTrue();
        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
    }

    @Test
    void offboardingDisablesTableflowAndKeepsTheDataUnlessAsked() {
        ExecutionResult run = offboard(OFFBOARDING, OFFBOARD_TOPIC2);

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
        assertThat(offboard(DATA_DELETION, DELETE_TOPIC2_DATA).succeeded()).isTrue();
        long writes = bed.confluent.writes();
        ExecutionResult rerun = offboard(DATA_DELETION, DELETE_TOPIC2_DATA);

        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.tableflowTopics().list()).isEmpty();
        assertThat(bed.confluent.schemaRegistry().subjects()).isEmpty();
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId())).isEmpty();
        assertThat(bed.confluent.writes()).as("nothing left to delete").isEqualTo(writes);
        assertThat(rerun.outputOf("DisableTableflowTopic").path("offboarding").path("outcome").asText()).isEqualTo("UNCHANGED");
    }

    /**
     * Only the bus policy decides who may send TopicDataDeletionRequested; a deletion asked under the detail-type
     * every onboarding requester may send is refused before anything is disabled or deleted.
     */
    @Test
    void aDeletionAskedUnderTheOffboardingDetailTypeIsRefusedBeforeAnyWrite() {
        refusedAndReported(OFFBOARDING, DELETE_TOPIC2_DATA, "invalid deleteTopic: deleting data takes a TopicDataDeletionRequested event");
        refusedAndReported(OFFBOARDING, "{\"topic\":\"topic2\",\"deleteSchema\":true}", "invalid deleteSchema: deleting data takes a");
        assertThat(bed.confluent.tableflowTopics().list()).hasSize(1);
        assertThat(bed.confluent.schemaRegistry().subjects()).containsExactly("topic2-value");
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId())).hasSize(1);
    }

    @Test
    void kafkasInternalTopicIsRefusedWithTheReason() {
        refusedAndReported(DATA_DELETION, "{\"topic\":\"__consumer_offsets\",\"deleteTopic\":true}",
                "is a reserved topic name: names starting with");
    }

    @Test
    void badRequestIsRefusedBeforeAnythingIsDeleted() {
        refusedAndReported(DATA_DELETION, "{\"topic\":\"topic2\",\"deleteTopic\":\"yes\"}", "invalid deleteTopic");
        assertThat(bed.confluent.tableflowTopics().list()).hasSize(1);
    }

    @Test
    void malformedTopicNameIsRefusedAndStillPublishedAsAFailure() {
        JsonNode failed = refusedAndReported(OFFBOARDING, "{\"topic\":\"my topic\"}", "invalid topic");
        assertThat(failed.path("detail").path("topic").asText()).as("what the request said, to find it by").isEqualTo("my topic");
    }

    /** The offboarding as its rule starts it: the whole event is the input. */
    private ExecutionResult offboard(String detailType, String detail) {
        return bed.stepFunctions.run("OffboardingStateMachine", bed.delivered(detailType, detail));
    }

    /** The run fails at its first step without a write, and the failure is still published: the returned event. */
    private JsonNode refusedAndReported(String detailType, String request, String cause) {
        long writes = bed.confluent.writes();

        ExecutionResult run = offboard(detailType, request);

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
