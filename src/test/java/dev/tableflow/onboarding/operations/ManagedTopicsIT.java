package dev.tableflow.onboarding.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.request.OffboardingRequest;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.CloudHttp;
import dev.tableflow.onboarding.testbed.confluent.LoggedRequest;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trust boundary of the record of managed topics, on the test bed: only what this stack onboarded is ever
 * disabled or deleted; a second topic for the same Glue table is refused; an upgraded stack adopts its own topics.
 */
class ManagedTopicsIT extends WorkflowTestBase {

    private static final String INVALID = "dev.tableflow.onboarding.errors.InvalidInputException";
    private static final String OFFBOARDING = "OffboardingStateMachine";
    /** The offboarding's rule passes the whole event: deletions come as the detail-type the bus reserves for them. */
    private static final String DATA_DELETION = OffboardingRequest.DATA_DELETION;

    @BeforeEach
    void bootstrapped() {
        bed.reset();
        assertThat(bed.bootstrap().succeeded()).isTrue();
    }

    /**
     * The attack of issue 20: offboarding with both deletions, of a topic another team created on the cluster, once the
     * stack has onboarded a topic of its own (so it holds the keys that could delete it).
     */
    @Test
    void offboardingATopicThisStackNeverOnboardedIsRefusedAndNothingIsDeleted() {
        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        String cluster = bed.confluent.kafkaClusterId();
        bed.confluent.kafka().createTopic(cluster, "payments", 3);
        int requestsBefore = bed.confluent.requests().all().size();

        ExecutionResult run = bed.run(OFFBOARDING, bed.delivered(DATA_DELETION, "{\"topic\":\"payments\",\"deleteSchema\":true,\"deleteTopic\":true}"));

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo(INVALID);
        assertThat(run.cause()).contains("DisableTableflowTopic").contains("'payments' is not a topic this stack onboarded");
        assertThat(run.statesEntered()).doesNotContain("DeleteSchema", "DeleteTopic");
        assertThat(bed.confluent.requests().all().subList(requestsBefore, bed.confluent.requests().all().size()))
                .as("Confluent saw no request at all, let alone a DELETE").isEmpty();
        assertThat(bed.confluent.kafka().topics(cluster)).extracting(t -> t.path("topic_name").asText()).containsExactlyInAnyOrder("topic2", "payments");
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOffboardingFailed");
        assertThat(failed.path("detail").path("topic").asText()).isEqualTo("payments");
    }

    /** DeleteTopic and DeleteSchema may be invoked on their own: each checks the record again. */
    @Test
    void theDeletionStepsInvokedDirectlyRefuseATopicThisStackNeverOnboarded() {
        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        bed.confluent.kafka().createTopic(bed.confluent.kafkaClusterId(), "payments", 1);

        for (String function : List.of("DeleteTopicFunction", "DeleteSchemaFunction")) {
            Invocation step = bed.lambda.invoke(function, "{\"topic\":\"payments\"}");

            assertThat(step.errorType()).as(function + ": " + step.errorMessage()).isEqualTo(INVALID);
            assertThat(step.errorMessage()).as(function).contains("'payments' is not a topic this stack onboarded");
        }
        assertThat(bed.confluent.requests().all()).extracting(LoggedRequest::method).doesNotContain("DELETE");
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId())).hasSize(2);
    }

    /** A topic that existed before its onboarding is someone's data: TableFlow on it is ours to disable, the data is not ours to delete. */
    @Test
    void aTopicThatExistedBeforeItsOnboardingHasItsTableflowDisabledButItsDataIsNeverDeleted() {
        String cluster = bed.confluent.kafkaClusterId();
        bed.confluent.kafka().createTopic(cluster, "topic2", 1);
        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        assertThat(bed.topicRecords()).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("topic", "topic2").containsEntry("origin", "EXISTING").containsEntry("state", "ONBOARDED"));

        ExecutionResult delete = bed.run(OFFBOARDING, bed.delivered(DATA_DELETION, "{\"topic\":\"topic2\",\"deleteTopic\":true}"));

        assertThat(delete.status()).isEqualTo("FAILED");
        assertThat(delete.error()).isEqualTo(INVALID);
        assertThat(delete.cause()).contains("invalid deleteTopic").contains("existed before this stack onboarded it");
        assertThat(bed.confluent.tableflowTopics().list()).as("refused before anything was disabled").hasSize(1);
        outcomes.addAll(bed.outcomeEvents());

        ExecutionResult disable = bed.run(OFFBOARDING, bed.delivered("TopicOffboardingRequested", "{\"topic\":\"topic2\"}"));

        assertThat(disable.status()).as(disable.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.tableflowTopics().list()).isEmpty();
        assertThat(bed.confluent.kafka().topics(cluster)).hasSize(1);
        assertThat(bed.topicRecords()).singleElement().satisfies(item -> assertThat(item).containsEntry("state", "OFFBOARDED"));
    }

    /** Glue keeps table names in lower case: Orders would be orders' table. */
    @Test
    void aTopicWhoseGlueTableAnotherOnboardedTopicHasIsRefusedBeforeItIsCreated() {
        assertThat(bed.onboard("{\"topics\":[{\"name\":\"orders\",\"schema\":{\"name\":\"topic2-value\"}}]}").succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        long writes = bed.confluent.writes();

        ExecutionResult run = bed.onboard("{\"topics\":[{\"name\":\"Orders\",\"schema\":{\"name\":\"topic2-value\"}}]}");

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.path("detail").path("step").asText()).isEqualTo("EnsureTopic");
        assertThat(failed.path("detail").path("cause").asText()).contains("invalid name")
                .contains("Glue table 'orders', which topic 'orders' already has");
        assertThat(bed.confluent.writes()).as("no Confluent write for Orders").isEqualTo(writes);
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId())).extracting(t -> t.path("topic_name").asText())
                .containsExactly("orders");
        assertThat(bed.topicRecords()).singleElement().satisfies(item -> assertThat(item).containsEntry("topic", "orders"));
    }

    /**
     * A stack deployed before the record existed: its topic is in Confluent, its record is empty. The bootstrap after
     * the upgrade adopts the TableFlow topics of its own integration and bucket, and only those, once; the users can
     * then offboard their topic as before.
     */
    @Test
    void anUpgradedStackAdoptsItsOwnTableflowTopicsOnceAndCanOffboardThem() throws Exception {
        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        String cluster = bed.confluent.kafkaClusterId();
        bed.confluent.kafka().createTopic(cluster, "other-team", 1);
        HttpResponse<String> managed = confluentHttp.send("POST", "/tableflow/v1/tableflow-topics",
                CloudHttp.basic(bed.confluent.createTableflowApiKey()), """
                {"spec":{"display_name":"other-team","storage":{"kind":"Managed"},"environment":{"id":"%s"},"kafka_cluster":{"id":"%s"}}}"""
                        .formatted(bed.confluent.environmentId(), cluster));
        assertThat(managed.statusCode()).as(managed.body()).isEqualTo(202);
        bed.forgetTopicRecords();

        ExecutionResult upgrade = bed.bootstrap();

        assertThat(upgrade.status()).as(upgrade.cause()).isEqualTo("SUCCEEDED");
        assertThat(upgrade.outputOf("AdoptTableflowTopics").path("adoptedTopics").path("adopted")).extracting(JsonNode::asText)
                .containsExactly("topic2");
        assertThat(bed.topicRecords()).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("topic", "topic2").containsEntry("origin", "UPGRADED").containsEntry("state", "ONBOARDED"));
        bed.aws.reset();
        ExecutionResult rerun = bed.bootstrap();
        assertThat(rerun.outputOf("AdoptTableflowTopics").path("adoptedTopics").path("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(bed.aws.writes()).as("a re-run writes nothing: " + bed.aws.calls()).isZero();

        ExecutionResult offboarded = bed.run(OFFBOARDING, bed.delivered(DATA_DELETION, "{\"topic\":\"topic2\",\"deleteSchema\":true,\"deleteTopic\":true}"));

        assertThat(offboarded.status()).as(offboarded.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.kafka().topics(cluster)).extracting(t -> t.path("topic_name").asText()).containsExactly("other-team");
        assertThat(bed.confluent.tableflowTopics().list()).extracting(t -> t.path("spec").path("display_name").asText())
                .containsExactly("other-team");
    }

    /** A TableFlow topic someone enabled through this stack's integration after the adoption is not the teardown's. */
    @Test
    void theTeardownDisablesOnlyRecordedTopics() {
        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        bed.enableTableflowOutsideTheStack("side-door");
        assertThat(bed.bootstrap().outputOf("AdoptTableflowTopics").path("adoptedTopics").path("adopted")).as("adopted once, at the upgrade")
                .isEmpty();

        ExecutionResult run = bed.run("TeardownStateMachine", "{\"force\":false}");

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.outputOf("StartTeardown").path("teardown").path("tableflowTopics")).extracting(JsonNode::asText).containsExactly("topic2");
        assertThat(bed.confluent.tableflowTopics().list()).extracting(t -> t.path("spec").path("display_name").asText())
                .containsExactly("side-door");
        assertThat(bed.topicRecords()).extracting(item -> Map.entry(item.get("topic"), item.get("state")))
                .containsExactly(Map.entry("topic2", "OFFBOARDED"));
    }
}
