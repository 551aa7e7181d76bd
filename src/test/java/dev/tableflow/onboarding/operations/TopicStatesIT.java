package dev.tableflow.onboarding.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.LoggedRequest;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * States beyond the happy path, on the test bed (issue 21 items 3 and 5): a topic TableFlow suspended (Confluent's
 * "Configure Tableflow": SUSPEND error-handling mode, catalog or storage access errors, invalid schema changes) fails
 * its check at once with Confluent's cause, shows in the status report and the drift check, and is resumed by a
 * TopicResumeRequested only when it is the stack's; the write mode the topic's cleanup.policy fixed is reported, and a
 * request that would change that policy on a topic with TableFlow is refused before any write.
 */
class TopicStatesIT extends WorkflowTestBase {

    private static final String INVALID = "dev.tableflow.onboarding.errors.InvalidInputException";
    private static final String CAUSE = "Failed to access S3 bucket acme-tableflow-dev: Access Denied";
    private static final String TOPIC2 = "/tableflow/v1/tableflow-topics/topic2";

    @BeforeEach
    void bootstrappedWithTopic2() {
        bed.reset();
        assertThat(bed.bootstrap().succeeded()).isTrue();
        ExecutionResult onboarded = bed.onboard(TestBed.sampleDetail("onboard-topic2.json"));
        assertThat(onboarded.succeeded()).isTrue();
        JsonNode event = single(bed.outcomeEvents());
        outcomes.add(event);
        assertThat(event.path("detail-type").asText()).isEqualTo("TopicOnboarded");
        assertThat(event.at("/detail/resources/writeMode").asText()).as("a topic of cleanup.policy delete").isEqualTo("APPEND");
    }

    @Test
    void aSuspendedTopicFailsItsCheckAtOnceWithConfluentsCause() {
        bed.confluent.tableflowTopics().suspend("topic2", CAUSE);

        ExecutionResult run = bed.onboard("{\"requestId\":\"again-1\",\"topics\":[{\"name\":\"topic2\",\"schema\":{\"name\":\"topic2-value\"}}]}");

        assertThat(run.errors("CheckTableflowTopic")).as("no wait: the first check fails").containsExactly(TERMINAL);
        assertThat(run.retries("CheckTableflowTopic")).isZero();
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.at("/detail/step").asText()).isEqualTo("CheckTableflowTopic");
        assertThat(failed.at("/detail/resource").asText()).isEqualTo("TableFlow topic topic2");
        assertThat(failed.at("/detail/cause").asText()).isEqualTo("suspended by TableFlow: " + CAUSE
                + "; fix the cause, then send TopicResumeRequested");
    }

    @Test
    void theStatusReportAndTheDriftCheckShowASuspendedTopicWithItsCause() {
        bed.confluent.tableflowTopics().suspend("topic2", CAUSE);

        JsonNode report = report("{}");
        JsonNode topic = report.path("topics").get(0);
        assertThat(topic.path("name").asText()).isEqualTo("topic2");
        assertThat(topic.path("suspended").asBoolean()).isTrue();
        assertThat(topic.path("error").asText()).isEqualTo(CAUSE);
        assertThat(topic.path("writeMode").asText()).isEqualTo("APPEND");
        JsonNode problem = StreamSupport.stream(report.path("checks").spliterator(), false)
                .filter(c -> c.path("name").asText().equals("TableFlow topic topic2")).findFirst().orElseThrow();
        assertThat(problem.path("ok").asBoolean()).isFalse();
        assertThat(problem.path("detail").asText()).contains(CAUSE);
        assertThat(problem.path("troubleshooting").asText()).isEqualTo("Suspended Topics");
        assertThat(report.path("bootstrapHealthy").asBoolean()).as("nothing the bootstrap could repair").isTrue();
        assertThat(bed.outcomeEvents()).as("a direct report publishes nothing").isEmpty();

        report("{\"detectDrift\":true}");
        JsonNode drift = single(bed.outcomeEvents());
        outcomes.add(drift);
        assertThat(drift.path("detail-type").asText()).isEqualTo("TableflowDriftDetected");
        assertThat(drift.at("/detail/topics/0/suspended").asBoolean()).isTrue();
        assertThat(drift.at("/detail/topics/0/error").asText()).isEqualTo(CAUSE);
    }

    @Test
    void aResumeRequestResumesASuspendedTopicOnceAndAnswersOnTheBus() {
        bed.confluent.tableflowTopics().suspend("topic2", CAUSE);
        String request = bed.delivered("TopicResumeRequested", TestBed.sampleDetail("resume-topic2.json"));

        JsonNode resumed = resume(request);
        assertThat(resumed.path("outcome").asText()).isEqualTo("UPDATED");
        assertThat(resumed.path("suspendedBecause").asText()).isEqualTo(CAUSE);
        assertThat(bed.confluent.tableflowTopics().get("topic2").at("/spec/suspended").asBoolean()).isFalse();
        assertThat(patches()).as("one PATCH of spec.suspended false").hasSize(1);
        JsonNode answered = single(bed.outcomeEvents());
        outcomes.add(answered);
        assertThat(answered.path("detail-type").asText()).isEqualTo("TopicResumed");
        assertThat(answered.at("/detail/requestId").asText()).isEqualTo("resume-topic2-1");
        assertThat(answered.at("/detail/suspendedBecause").asText()).isEqualTo(CAUSE);

        long writes = bed.confluent.requests().writes();
        JsonNode again = resume(request);
        assertThat(again.path("outcome").asText()).as("a re-run").isEqualTo("UNCHANGED");
        assertThat(bed.confluent.requests().writes()).as("a re-run writes nothing").isEqualTo(writes);
        outcomes.add(single(bed.outcomeEvents()));
        assertThat(report("{}").path("healthy").asBoolean()).isTrue();
    }

    /** Someone else's topic, enabled through this stack's integration: the stack's key could resume it, and must not. */
    @Test
    void aResumeOfATopicThisStackNeverOnboardedIsRefusedNamingItAndAnswered() {
        bed.enableTableflowOutsideTheStack("payments");
        bed.confluent.tableflowTopics().suspend("payments", CAUSE);
        long writes = bed.confluent.requests().writes();

        Invocation refused = bed.lambda.invoke("ResumeTableflowTopicFunction", bed.delivered("TopicResumeRequested", "{\"topic\":\"payments\"}"));

        assertThat(refused.errorType()).isEqualTo(INVALID);
        assertThat(refused.errorMessage()).contains("'payments' is not a topic this stack onboarded");
        assertThat(bed.confluent.requests().writes()).isEqualTo(writes);
        assertThat(bed.confluent.tableflowTopics().get("payments").at("/spec/suspended").asBoolean()).isTrue();
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicResumeFailed");
        assertThat(failed.at("/detail/topic").asText()).isEqualTo("payments");
        assertThat(failed.at("/detail/cause").asText()).contains("invalid topic: 'payments' is not a topic this stack onboarded");
    }

    /** A resume request is read as strictly as the others: a field it does not define, or Kafka's own topic, is refused. */
    @Test
    void aMalformedResumeRequestIsRefusedNamingTheFieldBeforeAnyCall() {
        int requests = bed.confluent.requests().all().size();

        Invocation extra = bed.lambda.invoke("ResumeTableflowTopicFunction",
                bed.delivered("TopicResumeRequested", "{\"topic\":\"topic2\",\"suspended\":true}"));
        Invocation reserved = bed.lambda.invoke("ResumeTableflowTopicFunction",
                bed.delivered("TopicResumeRequested", "{\"topic\":\"__consumer_offsets\"}"));

        assertThat(extra.errorType()).isEqualTo(INVALID);
        assertThat(extra.errorMessage()).contains("invalid detail.suspended: unknown field; expected [requestId, topic]");
        assertThat(reserved.errorType()).isEqualTo(INVALID);
        assertThat(reserved.errorMessage()).contains("invalid topic:");
        assertThat(bed.confluent.requests().all()).as("Confluent saw no request").hasSize(requests);
        List<JsonNode> answers = bed.outcomeEvents();
        outcomes.addAll(answers);
        assertThat(answers).extracting(e -> e.path("detail-type").asText()).containsExactly("TopicResumeFailed", "TopicResumeFailed");
    }

    @Test
    void aRequestThatWouldChangeTheCleanupPolicyOfATopicWithTableflowIsRefusedBeforeAnyWrite() {
        long writes = bed.confluent.requests().writes();

        ExecutionResult run = bed.onboard("{\"requestId\":\"compact-1\",\"topics\":[{\"name\":\"topic2\",\"schema\":{\"name\":\"topic2-value\"},"
                + "\"configs\":{\"cleanup.policy\":\"compact\"}}]}");

        assertThat(run.errors("EnsureTopic")).containsExactly(INVALID);
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.at("/detail/cause").asText()).startsWith("invalid configs.cleanup.policy: TableFlow is enabled on the topic in APPEND write mode");
        assertThat(bed.confluent.requests().writes()).as("nothing written on Confluent").isEqualTo(writes);
        assertThat(bed.confluent.kafka().configOverrides(bed.confluent.kafkaClusterId(), "topic2")).doesNotContainKey("cleanup.policy");
    }

    @Test
    void aCompactedTopicIsMaterializedInUpsertModeAndSaysSo() {
        ExecutionResult run = bed.onboard("{\"topics\":[{\"name\":\"customers\",\"schema\":{\"name\":\"topic2-value\"},"
                + "\"configs\":{\"cleanup.policy\":\"compact\"}}]}");

        assertThat(run.succeeded()).isTrue();
        JsonNode onboarded = single(bed.outcomeEvents());
        outcomes.add(onboarded);
        assertThat(onboarded.path("detail-type").asText()).isEqualTo("TopicOnboarded");
        assertThat(onboarded.at("/detail/resources/writeMode").asText()).isEqualTo("UPSERT");
        assertThat(StreamSupport.stream(report("{}").path("topics").spliterator(), false)
                .filter(t -> t.path("name").asText().equals("customers")).findFirst().orElseThrow().path("writeMode").asText())
                .isEqualTo("UPSERT");
    }

    /**
     * An UPSERT table is keyed by message key and partition (Confluent, "Write Modes with Tableflow"): growing a
     * compacted topic under TableFlow would move keys and leave two rows for each. Refused before anything is written.
     */
    @Test
    void growingTheTopicOfAnUpsertTableIsRefusedBeforeAnyWrite() {
        String request = "{\"requestId\":\"%s\",\"topics\":[{\"name\":\"customers\",\"partitions\":%d,\"schema\":{\"name\":\"topic2-value\"},"
                + "\"configs\":{\"cleanup.policy\":\"compact\"}}]}";
        assertThat(bed.onboard(request.formatted("upsert-1", 2)).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        long writes = bed.confluent.requests().writes();

        ExecutionResult run = bed.onboard(request.formatted("upsert-2", 4));

        assertThat(run.errors("EnsureTopic")).containsExactly(INVALID);
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.at("/detail/cause").asText()).startsWith("invalid partitions: TableFlow materializes the topic in UPSERT write mode")
                .contains("from 2 to 4 partitions");
        assertThat(bed.confluent.requests().writes()).as("nothing written on Confluent").isEqualTo(writes);
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId()).stream()
                .filter(t -> t.path("topic_name").asText().equals("customers")).findFirst().orElseThrow().path("partitions_count").asInt())
                .isEqualTo(2);
    }

    /** Confluent Cloud deletes a Kafka topic asynchronously: the offboarding waits until it is gone before it says so. */
    @Test
    void anOffboardingThatDeletesTheTopicWaitsUntilKafkaNoLongerListsIt() {
        String cluster = bed.confluent.kafkaClusterId();
        bed.confluent.kafka().deletionsListedFor(2);

        ExecutionResult run = bed.run("OffboardingStateMachine", bed.delivered("TopicDataDeletionRequested",
                "{\"topic\":\"topic2\",\"deleteSchema\":true,\"deleteTopic\":true}"));

        assertThat(run.succeeded()).isTrue();
        assertThat(run.errors("DeleteTopic")).as("polled while still listed").containsExactly(NOT_READY, NOT_READY);
        assertThat(bed.confluent.kafka().topics(cluster)).isEmpty();
        JsonNode offboarded = single(bed.outcomeEvents());
        outcomes.add(offboarded);
        assertThat(offboarded.path("detail-type").asText()).isEqualTo("TopicOffboarded");
        assertThat(bed.onboard("{\"requestId\":\"again-2\",\"topics\":[{\"name\":\"topic2\",\"schema\":{\"name\":\"topic2-value\"}}]}")
                .outputOf("EnsureTopic").path("kafkaTopic").path("outcome").asText()).as("a new onboarding creates the topic anew, never adopts a dying one")
                .isEqualTo("CREATED");
    }

    private static JsonNode report(String input) {
        Invocation invocation = bed.lambda.invoke("ReportStatusFunction", input);
        assertThat(invocation.failed()).as(invocation.errorMessage()).isFalse();
        return invocation.responseJson();
    }

    private static JsonNode resume(String event) {
        Invocation invocation = bed.lambda.invoke("ResumeTableflowTopicFunction", event);
        assertThat(invocation.failed()).as(invocation.errorMessage()).isFalse();
        return invocation.responseJson();
    }

    private static List<LoggedRequest> patches() {
        return bed.confluent.requests().matching(r -> r.method().equals("PATCH") && r.path().equals(TOPIC2) && r.write());
    }
}
