package dev.tableflow.onboarding.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.confluent.LoggedRequest;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TableFlow settings users of terraform-provider-confluent have (issue 21 item 7): row expiry
 * ({@code data_retention_ms}), the metadata column names, and LOG mode's dead-letter topic, sent on create,
 * reconciled on an existing TableFlow topic and shown in the topic's outcome.
 */
class TableflowSettingsIT extends WorkflowTestBase {

    private static final String LOGGED = """
            {"requestId":"topic2-logged","topics":[{"name":"topic2","errorHandling":"LOG","errorLogTopic":"topic2_errors",
             "dataRetentionMs":2592000000,"metadataColumnNamingScheme":"PORTABLE"}]}""";

    @BeforeEach
    void bootstrap() {
        resetAndBootstrap();
    }

    @Test
    void theSettingsAreSentOnCreateTheDeadLetterTopicIsTableflowsAndTheOutcomeShowsThem() {
        ExecutionResult run = bed.onboard(LOGGED);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        JsonNode config = bed.confluent.tableflowTopics().get("topic2").path("spec").path("config");
        assertThat(config.path("data_retention_ms").asText()).isEqualTo("2592000000");
        assertThat(config.path("metadata_column_naming_scheme").asText()).isEqualTo("PORTABLE");
        assertThat(config.path("error_handling").path("mode").asText()).isEqualTo("LOG");
        assertThat(config.path("error_handling").path("target").asText()).isEqualTo("topic2_errors");
        // TableFlow creates the dead-letter topic itself (ErrorHandlingLog.target); we create no such Kafka topic.
        assertThat(kafkaWrites()).noneMatch(r -> r.path().contains("topic2_errors"));
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId()))
                .anyMatch(t -> t.path("topic_name").asText().equals("topic2_errors"));

        outcomes.addAll(bed.outcomeEvents());
        JsonNode settings = single(outcomes).path("detail").path("resources").path("tableflowSettings");
        assertThat(settings.path("errorHandling").asText()).isEqualTo("LOG");
        assertThat(settings.path("errorLogTopic").asText()).isEqualTo("topic2_errors");
        assertThat(settings.path("dataRetentionMs").asText()).isEqualTo("2592000000");
        assertThat(settings.path("metadataColumnNamingScheme").asText()).isEqualTo("PORTABLE");
        assertThat(settings.path("retentionMs").asText()).as("Confluent's default, as Confluent answers it").isEqualTo("604800000");
    }

    @Test
    void aRerunWritesNothingAndAChangedSettingIsPatchedLeavingTheOthers() {
        assertThat(bed.onboard(LOGGED).succeeded()).isTrue();
        int patches = tableflowPatches().size();

        ExecutionResult rerun = bed.onboard(LOGGED.replace("topic2-logged", "topic2-logged-again"));
        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(rerun.outputOf("EnsureTableflowTopic").path("tableflowEnabled").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(tableflowPatches()).hasSize(patches);

        ExecutionResult changed = bed.onboard("""
                {"requestId":"topic2-skip","topics":[{"name":"topic2","errorHandling":"SKIP","dataRetentionMs":7776000000}]}""");

        assertThat(changed.status()).as(changed.cause()).isEqualTo("SUCCEEDED");
        assertThat(changed.outputOf("EnsureTableflowTopic").path("tableflowEnabled").path("outcome").asText()).isEqualTo("UPDATED");
        JsonNode config = bed.confluent.tableflowTopics().get("topic2").path("spec").path("config");
        assertThat(config.path("error_handling").path("mode").asText()).isEqualTo("SKIP");
        assertThat(config.path("error_handling").has("target")).as("SKIP has no dead-letter topic").isFalse();
        assertThat(config.path("data_retention_ms").asText()).isEqualTo("7776000000");
        assertThat(config.path("metadata_column_naming_scheme").asText()).as("not named in the request: kept").isEqualTo("PORTABLE");
        JsonNode settings = outcomes().getLast().path("detail").path("resources").path("tableflowSettings");
        assertThat(settings.path("errorHandling").asText()).isEqualTo("SKIP");
        assertThat(settings.has("errorLogTopic")).isFalse();
        assertThat(settings.path("dataRetentionMs").asText()).isEqualTo("7776000000");
    }

    @Test
    void aDeadLetterTopicThatIsReservedIsRefusedBeforeAnythingIsCalled() {
        int requests = bed.confluent.requests().all().size();

        Invocation intake = bed.requestOnboarding("""
                {"topics":[{"name":"topic2","errorHandling":"LOG","errorLogTopic":"__consumer_offsets"}]}""");

        assertThat(intake.failed()).isTrue();
        assertThat(intake.errorMessage()).contains("invalid topics[0].errorLogTopic: ").contains("reserved topic name");
        assertThat(bed.confluent.requests().all()).as("Confluent calls").hasSize(requests);
        assertThat(bed.startedExecutions()).as("executions started").isEmpty();
    }

    private static List<LoggedRequest> tableflowPatches() {
        return bed.confluent.requests().matching(r -> r.method().equals("PATCH") && r.path().startsWith("/tableflow/v1/tableflow-topics/"));
    }

    private static List<LoggedRequest> kafkaWrites() {
        return bed.confluent.requests().matching(r -> r.write() && r.path().startsWith("/kafka/v3/"));
    }

    private List<JsonNode> outcomes() {
        outcomes.addAll(bed.outcomeEvents());
        return outcomes;
    }
}
