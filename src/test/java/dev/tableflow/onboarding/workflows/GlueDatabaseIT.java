package dev.tableflow.onboarding.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.operations.StatusReportIT;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.CloudHttp;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stack deployed with GlueDatabaseName (issue 21 item 6): the catalog integration's {@code custom_database} sends
 * TableFlow's tables there instead of a database named after the Kafka cluster, and ConfirmGlueTable and the status
 * report look there. A catalog integration registering elsewhere is refused, not silently moved.
 */
class GlueDatabaseIT extends WorkflowTestBase {

    static final String DATABASE = "confluent_tableflow";

    @BeforeAll
    static void stackWithACustomGlueDatabase() {
        bed.close();
        bed = TestBed.start(null, Map.of("TABLEFLOW_GLUE_DATABASE", DATABASE));
        confluentHttp = new CloudHttp(bed.confluent);
    }

    @BeforeEach
    void bootstrap() {
        resetAndBootstrap();
    }

    @Test
    void tablesAreRegisteredConfirmedAndReportedInTheCustomDatabase() {
        JsonNode catalog = single(bed.confluent.catalogIntegrations().list());
        assertThat(catalog.at("/spec/config/custom_database").asText()).isEqualTo(DATABASE);

        ExecutionResult run = bed.onboard(TestBed.sampleDetail("onboard-topic2.json"));

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.glue.getTable(r -> r.databaseName(DATABASE).name("topic2")).table().name()).isEqualTo("topic2");
        assertThat(bed.glue.getDatabases(r -> { }).databaseList()).extracting(d -> d.name()).doesNotContain(bed.confluent.kafkaClusterId());
        outcomes.addAll(bed.outcomeEvents());
        JsonNode onboarded = single(outcomes);
        assertThat(onboarded.path("detail-type").asText()).isEqualTo("TopicOnboarded");
        assertThat(onboarded.path("detail").path("table").path("database").asText()).isEqualTo(DATABASE);

        JsonNode report = StatusReportIT.status("{}");
        assertThat(report.path("healthy").asBoolean()).as(report.toPrettyString()).isTrue();
        assertThat(report.path("glueTables")).extracting(t -> t.path("table").asText()).containsExactly(DATABASE + ".topic2");
    }

    @Test
    void aCatalogIntegrationRegisteringInAnotherDatabaseIsRefusedNamingBothAndTheParameter() throws Exception {
        JsonNode catalog = single(bed.confluent.catalogIntegrations().list());
        HttpResponse<String> moved = confluentHttp.send("PATCH", "/tableflow/v1/catalog-integrations/" + catalog.path("id").asText(),
                CloudHttp.basic(bed.confluent.createTableflowApiKey()), """
                {"spec":{"config":{"kind":"AwsGlue","custom_database":"analytics"},"environment":{"id":"%s"},"kafka_cluster":{"id":"%s"}}}"""
                        .formatted(bed.confluent.environmentId(), bed.confluent.kafkaClusterId()));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

        ExecutionResult again = bed.bootstrap();

        assertThat(again.status()).isEqualTo("FAILED");
        assertThat(again.error()).isEqualTo(TERMINAL);
        // The cause is the function's error as JSON: its quotes are escaped.
        assertThat(again.cause()).contains("EnsureCatalogIntegration")
                .contains("registers tables in the Glue database \\\"analytics\\\", not \\\"" + DATABASE + "\\\" (GlueDatabaseName)");
    }
}
