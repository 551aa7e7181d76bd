package dev.tableflow.onboarding.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The status function on a bootstrapped environment with topic2 onboarded, healthy and then with drift. */
public class StatusReportIT extends WorkflowTestBase {

    @BeforeEach
    void onboardedEnvironment() {
        bed.reset();
        assertThat(bed.bootstrap().succeeded()).isTrue();
        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        bed.aws.reset();
    }

    @Test
    void healthyEnvironmentReportsEveryResourceAndWritesNothing() {
        long writes = bed.confluent.writes();

        JsonNode report = status("{}");

        assertThat(report.path("healthy").asBoolean()).as(report.toPrettyString()).isTrue();
        assertThat(names(report)).contains("provider integration", "role binding", "TableFlow API key", "catalog integration",
                "trust policy", "Kafka API key", "Schema Registry API key");
        JsonNode topic = report.path("topics").path(0);
        assertThat(topic.path("name").asText()).isEqualTo("topic2");
        assertThat(topic.path("phase").asText()).isEqualTo("RUNNING");
        assertThat(topic.path("glueSync").asText()).isEqualTo("SYNCED");
        JsonNode table = single(StreamSupport.stream(report.path("glueTables").spliterator(), false).toList());
        assertThat(table.path("table").asText()).isEqualTo(bed.confluent.kafkaClusterId() + ".topic2");
        assertThat(table.path("location").asText()).startsWith("s3://" + TestBed.BUCKET + "/");
        assertThat(Instant.parse(table.path("updated").asText())).isBefore(Instant.now());
        assertThat(names(report)).contains("Glue database " + bed.confluent.kafkaClusterId());
        assertThat(bed.confluent.writes()).isEqualTo(writes);
        assertThat(bed.aws.writes()).isZero();
    }

    /** The seeds' Glue monitoring: a table TableFlow reports but Glue lacks, and a table no TableFlow topic keeps. */
    @Test
    void aSyncedTopicGlueLacksAndAGlueTableWithoutATopicAreFlagged() {
        String database = bed.confluent.kafkaClusterId();
        bed.glue.deleteTable(r -> r.databaseName(database).name("topic2"));
        bed.glue.createTable(r -> r.databaseName(database).tableInput(t -> t.name("made_by_hand")
                .storageDescriptor(d -> d.location("s3://" + TestBed.BUCKET + "/elsewhere"))));

        JsonNode report = status("{}");

        assertThat(report.path("healthy").asBoolean()).isFalse();
        assertThat(report.path("bootstrapHealthy").asBoolean()).as("not drift the bootstrap repairs").isTrue();
        List<String> problems = StreamSupport.stream(report.path("checks").spliterator(), false).filter(c -> !c.path("ok").asBoolean())
                .filter(c -> c.path("name").asText().equals("Glue database " + database)).map(c -> c.path("detail").asText()).toList();
        assertThat(problems).containsExactly(
                "TableFlow reports topic topic2 SYNCED to AWS Glue, but the database has no table topic2",
                "table made_by_hand has no TableFlow topic on the cluster: nothing keeps it up to date (its topic's TableFlow was disabled, "
                        + "or it was made by hand)");
        assertThat(report.path("glueTables")).extracting(t -> t.path("table").asText()).containsExactly(database + ".made_by_hand");
    }

    @Test
    void driftIsReportedWithTheRunbooksCaseAndFix() {
        String catalog = bed.confluent.catalogIntegrations().list().get(0).path("id").asText();
        bed.confluent.catalogIntegrations().delete(catalog);
        bed.iam.updateAssumeRolePolicy(r -> r.roleName(TestBed.CUSTOMER_ROLE).policyDocument(TestBed.EXISTING_TRUST));
        bed.secrets.deleteSecret(r -> r.secretId(TestBed.SECRET_PREFIX + "tableflow-topic-key").forceDeleteWithoutRecovery(true));

        JsonNode report = status("{}");

        assertThat(report.path("healthy").asBoolean()).isFalse();
        assertThat(problem(report, "catalog integration").path("troubleshooting").asText()).isEqualTo("Catalog Access Issues");
        assertThat(problem(report, "trust policy").path("troubleshooting").asText()).isEqualTo("Cross-Account Access");
        assertThat(problem(report, "trust policy").path("fix").asText()).contains("external id");
        JsonNode key = problem(report, "Kafka API key");
        assertThat(key.path("troubleshooting").asText()).isEqualTo("API Key Permissions");
        assertThat(key.path("detail").asText()).contains("not in Secrets Manager");
        assertThat(ok(report, "TableFlow API key")).isTrue();
    }

    /** The stack declares the key secrets with a placeholder; one that holds it has no key, whatever exists in Confluent. */
    @Test
    void aSecretHoldingThePlaceholderIsReportedAsHoldingNoKey() {
        bed.secrets.putSecretValue(r -> r.secretId(TestBed.SECRET_PREFIX + "tableflow-topic-key").secretString(SecretStore.PLACEHOLDER));

        JsonNode key = problem(status("{}"), "Kafka API key");

        assertThat(key.path("troubleshooting").asText()).isEqualTo("API Key Permissions");
        assertThat(key.path("detail").asText()).endsWith("tableflow-topic-key holds no key");
    }

    @Test
    void aRoleBindingRemovedByHandIsTheProviderIntegrationCase() {
        bed.confluent.roleBindings().delete(bed.confluent.roleBindings().list().get(0).path("id").asText());

        JsonNode report = status("{}");

        assertThat(report.path("bootstrapHealthy").asBoolean()).as("the bootstrap owns the binding").isFalse();
        JsonNode binding = problem(report, "role binding");
        assertThat(binding.path("troubleshooting").asText()).isEqualTo("Provider Integration Failures");
        assertThat(binding.path("detail").asText()).startsWith("no ResourceOwner for User:" + bed.confluent.serviceAccountId());
        assertThat(ok(report, "provider integration")).isTrue();
    }

    @Test
    void providerIntegrationMissingIsTheProviderIntegrationCase() {
        bed.confluent.providerIntegrations().delete(bed.confluent.providerIntegrations().list().get(0).path("id").asText());

        JsonNode report = status("{}");

        assertThat(problem(report, "provider integration").path("troubleshooting").asText()).isEqualTo("Provider Integration Failures");
    }

    /** The record of managed topics is listed, and a topic materialized through the stack's integration outside it is flagged. */
    @Test
    void theRecordIsListedAndATopicEnabledOutsideItIsFlagged() {
        JsonNode healthy = status("{}");
        assertThat(healthy.path("managedTopics")).singleElement().satisfies(entry -> {
            assertThat(entry.path("topic").asText()).isEqualTo("topic2");
            assertThat(entry.path("state").asText()).isEqualTo("ONBOARDED");
            assertThat(entry.path("origin").asText()).isEqualTo("CREATED");
        });
        assertThat(ok(healthy, "record of managed topics")).isTrue();
        bed.enableTableflowOutsideTheStack("side-door");

        JsonNode report = status("{}");

        JsonNode flagged = problem(report, "record of managed topics");
        assertThat(flagged.path("detail").asText()).startsWith("side-door is materialized through this stack's provider integration but not in its record");
        assertThat(flagged.path("troubleshooting").asText()).isEqualTo("Record of Managed Topics");
        assertThat(report.path("bootstrapHealthy").asBoolean()).as("not drift the bootstrap repairs").isTrue();
        assertThat(bed.aws.writes()).isZero();
    }

    @Test
    void statusRequestedOnTheBusIsAnsweredOnTheBus() {
        status("{\"detail-type\":\"TableflowStatusRequested\",\"source\":\"tableflow.onboarding\",\"detail\":{}}");

        List<JsonNode> events = bed.outcomeEvents();
        outcomes.addAll(events);
        JsonNode reported = events.stream().filter(e -> e.path("detail-type").asText().equals("TableflowStatusReported")).findFirst().orElseThrow();
        assertThat(reported.path("detail").path("healthy").asBoolean()).isTrue();
        assertThat(reported.path("detail").path("environment").asText()).isEqualTo(TestBed.ENVIRONMENT);
    }

    public static JsonNode status(String event) {
        Invocation invocation = bed.lambda.invoke("ReportStatusFunction", event);
        assertThat(invocation.failed()).as(invocation.errorMessage()).isFalse();
        return invocation.responseJson();
    }

    private static List<String> names(JsonNode report) {
        return StreamSupport.stream(report.path("checks").spliterator(), false).map(c -> c.path("name").asText()).toList();
    }

    public static JsonNode problem(JsonNode report, String name) {
        return StreamSupport.stream(report.path("checks").spliterator(), false)
                .filter(c -> c.path("name").asText().equals(name) && !c.path("ok").asBoolean()).findFirst()
                .orElseThrow(() -> new AssertionError("no problem reported for " + name + " in " + report.toPrettyString()));
    }

    public static boolean ok(JsonNode report, String name) {
        return StreamSupport.stream(report.path("checks").spliterator(), false)
                .anyMatch(c -> c.path("name").asText().equals(name) && c.path("ok").asBoolean());
    }
}
