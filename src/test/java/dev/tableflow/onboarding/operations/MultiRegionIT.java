package dev.tableflow.onboarding.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static dev.tableflow.onboarding.request.RequestJson.json;
import static dev.tableflow.onboarding.request.RequestJson.topic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One environment deployed in two regions, as the README's "Multi-region" section shows: the existing stack in
 * us-east-1 without a qualifier, a second one in eu-west-1 with {@code RegionQualifier=euw1}, its own Kafka cluster,
 * bucket and customer role (Confluent allows one provider integration per customer role in an environment), the same
 * Confluent environment and service account. Neither may adopt, replace or delete what the other owns, and neither
 * may rewrite the other's trust statement, on the first run or any later one.
 */
class MultiRegionIT extends WorkflowTestBase {

    static final String QUALIFIER = "euw1";
    static final String CHECK = "{\"mode\":\"check\"}";
    static final String EUROPE_ROLE = TestBed.CUSTOMER_ROLE + "-euw1";
    static final String EUROPE_ROLE_ARN = TestBed.CUSTOMER_ROLE_ARN + "-euw1";
    static TestBed europe;
    static String europeCluster;
    private final List<JsonNode> europeOutcomes = new ArrayList<>();

    @BeforeAll
    static void secondRegion() {
        europeCluster = bed.confluent.clusters().addKafkaCluster(bed.confluent.environmentId());
        bed.iam.createRole(r -> r.roleName(EUROPE_ROLE).assumeRolePolicyDocument(TestBed.EXISTING_TRUST));
        europe = bed.inRegion("eu-west-1", Map.of("TABLEFLOW_REGION_QUALIFIER", QUALIFIER, "TABLEFLOW_KAFKA_CLUSTER_ID", europeCluster,
                "TABLEFLOW_BUCKET_NAME", "acme-tableflow-dev-euw1", "TABLEFLOW_CUSTOMER_ROLE_ARN", EUROPE_ROLE_ARN));
    }

    @AfterAll
    static void closeSecondRegion() {
        if (europe != null) {
            europe.close();
        }
    }

    @AfterEach
    void noSecretLeakedInTheSecondRegion() {
        europeOutcomes.addAll(europe.outcomeEvents());
        europe.assertNoSecretObservable(europeOutcomes, "eu-west-1");
    }

    @Test
    void twoRegionsOwnSeparateResourcesAndNeitherUndoesTheOther() {
        // Interleaved as two independent deploys would run: each bootstrap, then each onboarding.
        assertSucceeded(bed.bootstrap());
        assertSucceeded(europe.bootstrap());
        assertSucceeded(bed.onboard(json(topic("'name':'topic2'"))));
        assertSucceeded(europe.onboard(json(topic("'name':'orders','schema':{'inline':{'type':'object','properties':{'id':{'type':'string'}}}}"))));

        Map<String, JsonNode> integrations = byName(bed.confluent.providerIntegrations().list());
        assertThat(integrations).containsOnlyKeys("dev-provider-glue", "dev-provider-glue-euw1");
        JsonNode us = integrations.get("dev-provider-glue").path("config");
        JsonNode eu = integrations.get("dev-provider-glue-euw1").path("config");
        assertThat(us.path("customer_iam_role_arn").asText()).isEqualTo(TestBed.CUSTOMER_ROLE_ARN);
        assertThat(eu.path("customer_iam_role_arn").asText()).isEqualTo(EUROPE_ROLE_ARN);

        Map<String, JsonNode> catalogs = byName(bed.confluent.catalogIntegrations().list());
        assertThat(catalogs).containsOnlyKeys("dev-confluent-glue", "dev-confluent-glue-euw1");
        assertThat(catalogs.get("dev-confluent-glue").path("spec").path("kafka_cluster").path("id").asText()).isEqualTo(bed.confluent.kafkaClusterId());
        assertThat(catalogs.get("dev-confluent-glue-euw1").path("spec").path("kafka_cluster").path("id").asText()).isEqualTo(europeCluster);
        assertThat(catalogs.get("dev-confluent-glue-euw1").path("spec").path("config").path("provider_integration_id").asText())
                .isEqualTo(integrations.get("dev-provider-glue-euw1").path("id").asText());

        // Each region's secrets, under the same names, hold that region's own key; no key was deleted as an orphan.
        Map<String, JsonNode> keys = environmentKeys();
        assertThat(keys).containsOnlyKeys("dev-tableflow-api-key", "dev-tableflow-api-key-euw1", "dev-tableflow-topic-key",
                "dev-tableflow-topic-key-euw1", "dev-schema-registry-key", "dev-schema-registry-key-euw1");
        for (String key : List.of("tableflow-api-key", "tableflow-topic-key", "schema-registry-key")) {
            assertThat(keyIdIn(bed, key)).as(key + " in us-east-1").isEqualTo(keys.get("dev-" + key).path("id").asText());
            assertThat(keyIdIn(europe, key)).as(key + " in eu-west-1").isEqualTo(keys.get("dev-" + key + "-" + QUALIFIER).path("id").asText());
        }

        // Each region's role trusts its own integration's Confluent role; the customer's own statement kept in both.
        JsonNode usStatements = bed.trustPolicy().path("Statement");
        JsonNode euStatements = bed.trustPolicy(EUROPE_ROLE).path("Statement");
        assertThat(sids(usStatements)).containsExactly("AnalyticsJobs", "ConfluentTableflowAssumeRole");
        assertThat(sids(euStatements)).containsExactly("AnalyticsJobs", "ConfluentTableflowAssumeRoleEuw1");
        assertTrusts(usStatements.get(1), us);
        assertTrusts(euStatements.get(1), eu);
        assertThat(us.path("external_id").asText()).isNotEqualTo(eu.path("external_id").asText());

        // Each region's tables in its own Glue, each region's outcome on its own bus.
        assertThat(bed.glue.getTable(r -> r.databaseName(bed.confluent.kafkaClusterId()).name("topic2")).table().name()).isEqualTo("topic2");
        assertThat(europe.glue.getTable(r -> r.databaseName(europeCluster).name("orders")).table().name()).isEqualTo("orders");
        assertThat(bed.glue.getDatabases(r -> {}).databaseList()).extracting(d -> d.name()).containsExactly(bed.confluent.kafkaClusterId());
        List<JsonNode> usEvents = bed.outcomeEvents();
        outcomes.addAll(usEvents);
        europeOutcomes.addAll(europe.outcomeEvents());
        assertThat(single(usEvents).path("detail").path("topic").asText()).isEqualTo("topic2");
        assertThat(single(europeOutcomes).path("detail").path("topic").asText()).isEqualTo("orders");

        // Re-runs in any order write nothing: no flip-flop of keys or trust statements between the regions.
        long confluentWrites = bed.confluent.writes();
        bed.aws.reset();
        assertSucceeded(europe.bootstrap());
        assertSucceeded(bed.bootstrap());
        assertSucceeded(europe.bootstrap());
        assertThat(bed.confluent.writes()).as("Confluent writes of the re-runs").isEqualTo(confluentWrites);
        assertThat(bed.aws.writes()).as("AWS writes of the re-runs: " + bed.aws.calls()).isZero();

        // The scheduled drift check of each region finds its own stack healthy and stops there.
        for (TestBed region : List.of(bed, europe)) {
            ExecutionResult check = region.stepFunctions.run("BootstrapStateMachine", CHECK);
            assertSucceeded(check);
            assertThat(check.statesEntered()).containsExactly("ChooseMode", "DetectDrift", "DriftFound", "NoDrift");
            JsonNode report = region.lambda.invoke("ReportStatusFunction", "{}").responseJson();
            assertThat(report.path("healthy").asBoolean()).as(report.toPrettyString()).isTrue();
        }
        assertThat(bed.confluent.writes()).isEqualTo(confluentWrites);
        assertThat(bed.aws.writes()).isZero();

        // A forced teardown of one region removes only what that region's stack owns.
        assertSucceeded(europe.run("TeardownStateMachine", "{\"force\":true}"));
        europeOutcomes.addAll(europe.outcomeEvents());
        assertThat(byName(bed.confluent.providerIntegrations().list())).containsOnlyKeys("dev-provider-glue");
        assertThat(byName(bed.confluent.catalogIntegrations().list())).containsOnlyKeys("dev-confluent-glue");
        assertThat(environmentKeys()).containsOnlyKeys("dev-tableflow-api-key", "dev-tableflow-topic-key", "dev-schema-registry-key");
        assertThat(byName(bed.confluent.tableflowTopics().list())).containsOnlyKeys("topic2");
        assertThat(sids(bed.trustPolicy().path("Statement"))).containsExactly("AnalyticsJobs", "ConfluentTableflowAssumeRole");
        assertThat(sids(bed.trustPolicy(EUROPE_ROLE).path("Statement"))).containsExactly("AnalyticsJobs");
        JsonNode usReport = bed.lambda.invoke("ReportStatusFunction", "{}").responseJson();
        assertThat(usReport.path("healthy").asBoolean()).as(usReport.toPrettyString()).isTrue();
    }

    /**
     * A further region set up with the customer role another region's integration already has: Confluent would refuse
     * the integration, so EnsureProviderIntegration refuses it first, naming the integration and what to do.
     */
    @Test
    void aRegionSharingAnotherRegionsCustomerRoleIsRefusedNamingTheIntegration() {
        assertSucceeded(bed.bootstrap());
        String cluster = bed.confluent.clusters().addKafkaCluster(bed.confluent.environmentId());
        long confluentWrites = bed.confluent.writes();
        try (LocalLambdaService lambda = bed.startFunction("EnsureProviderIntegrationFunction", "SharedRole", Duration.ofMinutes(1),
                Map.of("TABLEFLOW_REGION_QUALIFIER", "apse2", "TABLEFLOW_KAFKA_CLUSTER_ID", cluster))) {
            Invocation refused = lambda.invoke("SharedRole", "{}");

            assertThat(refused.errorType()).isEqualTo(TERMINAL);
            String providerId = byName(bed.confluent.providerIntegrations().list()).get("dev-provider-glue").path("id").asText();
            assertThat(refused.errorMessage()).contains("provider integration \"dev-provider-glue-apse2\"",
                    "customer role " + TestBed.CUSTOMER_ROLE_ARN, "\"dev-provider-glue\" (" + providerId + ")", "one provider integration per customer role");
        }
        assertThat(bed.confluent.writes()).isEqualTo(confluentWrites);
    }

    private static List<String> sids(JsonNode statements) {
        return StreamSupport.stream(statements.spliterator(), false).map(s -> s.path("Sid").asText()).toList();
    }

    /** The environment's API keys by display name, without the Cloud API key the deployment runs with. */
    private static Map<String, JsonNode> environmentKeys() {
        return byName(bed.confluent.apiKeys().list().stream().filter(k -> !k.path("id").asText().equals(bed.confluent.cloudApiKey())).toList());
    }

    private static void assertSucceeded(ExecutionResult run) {
        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
    }

    private static void assertTrusts(JsonNode statement, JsonNode integrationConfig) {
        assertThat(statement.path("Principal").path("AWS").asText()).isEqualTo(integrationConfig.path("iam_role_arn").asText());
        assertThat(statement.path("Condition").path("StringEquals").path("sts:ExternalId").asText())
                .isEqualTo(integrationConfig.path("external_id").asText());
    }

    /** The key id a region stored (never its secret). */
    private static String keyIdIn(TestBed region, String key) {
        return TestBed.parse(region.secretString(TestBed.SECRET_PREFIX + key)).path("api_key").asText();
    }

    /** Confluent resources by display name; a name held twice would fail here. */
    private static Map<String, JsonNode> byName(List<JsonNode> resources) {
        Map<String, JsonNode> named = new LinkedHashMap<>();
        for (JsonNode resource : resources) {
            JsonNode name = resource.has("display_name") ? resource.path("display_name") : resource.path("spec").path("display_name");
            assertThat(named.put(name.asText(), resource)).as("two resources named " + name).isNull();
        }
        return named;
    }
}
