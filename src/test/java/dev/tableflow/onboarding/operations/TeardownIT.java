package dev.tableflow.onboarding.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.CloudHttp;
import dev.tableflow.onboarding.testbed.confluent.Fault;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Environment teardown through the real teardown ASL, on an environment that was bootstrapped and had topic2
 * onboarded: everything the two workflows created goes, in reverse order, except the data (Kafka topic, schema), the
 * customer's own trust statements and, unless forced, the TableFlow API key with its secret.
 */
class TeardownIT extends WorkflowTestBase {

    static final String TEARDOWN = TestBed.sampleDetail("teardown-requested.json");
    static final String FORCED = "{\"force\":true}";
    static final String TOPIC2 = TestBed.sampleDetail("onboard-topic2.json");
    static final String MACHINE = "TeardownStateMachine";
    static final String TABLEFLOW_KEY = TestBed.ENVIRONMENT + "-tableflow-api-key";
    static final String TABLEFLOW_KEY_SECRET = TestBed.SECRET_PREFIX + "tableflow-api-key";
    static final String KAFKA_KEY_SECRET = TestBed.SECRET_PREFIX + "tableflow-topic-key";
    /** Each deleting step and where the workflow keeps its result. */
    static final Map<String, String> RESULTS = Map.of("DeleteKafkaApiKey", "kafkaApiKey", "DeleteSchemaRegistryApiKey", "schemaRegistryApiKey",
            "RemoveTrustStatement", "trustPolicy", "DeleteCatalogIntegration", "catalogIntegration", "DeleteTableflowApiKey", "tableflowApiKey",
            "DeleteRoleBinding", "roleBinding", "DeleteProviderIntegration", "providerIntegration");

    @BeforeEach
    void bootstrappedWithTopic2() {
        bed.reset();
        ExecutionResult bootstrap = bed.bootstrap();
        assertThat(bootstrap.status()).as(bootstrap.cause()).isEqualTo("SUCCEEDED");
        ExecutionResult onboarding = bed.onboard(TOPIC2);
        assertThat(onboarding.status()).as(onboarding.cause()).isEqualTo("SUCCEEDED");
        outcomes.addAll(bed.outcomeEvents());
    }

    @Test
    void teardownDeletesWhatTheWorkflowsCreatedButTheTableflowKeyAndTheData() {
        String tableflowKeyId = keyIds().get(TABLEFLOW_KEY);

        ExecutionResult run = bed.run(MACHINE, TEARDOWN);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.statesEntered()).as("the reverse of bootstrap, then onboarding").containsSubsequence("StartTeardown",
                "DisableTableflowTopic", "DeleteSchemaRegistryApiKey", "DeleteKafkaApiKey", "RemoveTrustStatement", "DeleteCatalogIntegration",
                "DeleteRoleBinding", "DeleteTableflowApiKey", "DeleteProviderIntegration", "PublishTeardownCompleted");
        assertThat(bed.confluent.tableflowTopics().list()).isEmpty();
        assertThat(bed.confluent.catalogIntegrations().list()).isEmpty();
        assertThat(bed.confluent.roleBindings().list()).isEmpty();
        assertThat(bed.confluent.providerIntegrations().list()).isEmpty();
        assertThat(keyIds()).as("only the TableFlow key is kept").containsOnlyKeys(TABLEFLOW_KEY).containsValue(tableflowKeyId);
        assertThat(secretsHoldingAKey()).containsExactlyInAnyOrder(TestBed.CLOUD_API_KEY_SECRET, TABLEFLOW_KEY_SECRET);
        assertThat(bed.trustPolicy()).as("the customer's own statements only").isEqualTo(TestBed.parse(TestBed.EXISTING_TRUST));
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId())).hasSize(1);
        assertThat(bed.confluent.schemaRegistry().subjects()).containsExactly("topic2-value");
        assertThat(run.outputOf("DeleteTableflowApiKey").path("tableflowApiKey").path("kept").asBoolean()).isTrue();

        JsonNode event = single(bed.outcomeEvents());
        outcomes.add(event);
        assertThat(event.path("detail-type").asText()).isEqualTo("TableflowTeardownCompleted");
        JsonNode resources = event.path("detail").path("resources");
        assertThat(resources.path("tableflowTopics")).extracting(JsonNode::asText).containsExactly("topic2");
        assertThat(resources.path("catalogIntegration").asText()).isEqualTo("DELETED");
        assertThat(resources.path("tableflowApiKey").asText()).isEqualTo("UNCHANGED");
        assertThat(resources.path("tableflowApiKeyKept").asBoolean()).isTrue();
    }

    @Test
    void aSecondTeardownWritesNothing() {
        assertThat(bed.run(MACHINE, TEARDOWN).succeeded()).isTrue();
        long confluentWrites = bed.confluent.writes();
        long awsWrites = bed.aws.writes("secretsmanager") + bed.aws.writes("iam");

        ExecutionResult rerun = bed.run(MACHINE, TEARDOWN);

        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.writes()).as("nothing left to delete in Confluent").isEqualTo(confluentWrites);
        assertThat(bed.aws.writes("secretsmanager") + bed.aws.writes("iam")).as("nothing left to delete in AWS").isEqualTo(awsWrites);
        RESULTS.forEach((step, result) -> assertThat(rerun.outputOf(step).path(result).path("outcome").asText()).as(step).isEqualTo("UNCHANGED"));
        assertThat(rerun.outputOf("StartTeardown").path("teardown").path("tableflowTopics")).isEmpty();
    }

    @Test
    void forceAlsoDeletesTheTableflowKeyAndARerunFindsNothingLeft() {
        ExecutionResult run = bed.run(MACHINE, FORCED);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(keyIds()).as("no key of the environment is left").isEmpty();
        assertThat(secretsHoldingAKey()).containsExactly(TestBed.CLOUD_API_KEY_SECRET);
        assertThat(run.outputOf("DeleteTableflowApiKey").path("tableflowApiKey").path("outcome").asText()).isEqualTo("DELETED");

        long confluentWrites = bed.confluent.writes();
        long awsWrites = bed.aws.writes("secretsmanager") + bed.aws.writes("iam");
        ExecutionResult rerun = bed.run(MACHINE, FORCED);

        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.writes()).isEqualTo(confluentWrites);
        assertThat(bed.aws.writes("secretsmanager") + bed.aws.writes("iam")).isEqualTo(awsWrites);
        RESULTS.forEach((step, result) -> assertThat(rerun.outputOf(step).path(result).path("outcome").asText()).as(step).isEqualTo("UNCHANGED"));
    }

    @Test
    void bootstrapAfterTeardownAdoptsTheKeptKeyAndRebuildsTheRest() {
        String tableflowKeyId = keyIds().get(TABLEFLOW_KEY);
        assertThat(bed.run(MACHINE, TEARDOWN).succeeded()).isTrue();

        ExecutionResult bootstrap = bed.bootstrap();

        assertThat(bootstrap.status()).as(bootstrap.cause()).isEqualTo("SUCCEEDED");
        assertThat(bootstrap.outputOf("EnsureTableflowApiKey").path("tableflowApiKey").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(keyIds().get(TABLEFLOW_KEY)).isEqualTo(tableflowKeyId);
        assertThat(bed.confluent.providerIntegrations().list()).hasSize(1);
        assertThat(bed.confluent.catalogIntegrations().list()).hasSize(1);
        assertThat(bed.confluent.roleBindings().list()).hasSize(1);
        assertThat(bed.trustPolicy().path("Statement")).hasSize(2);
        ExecutionResult onboarding = bed.onboard(TOPIC2);
        assertThat(onboarding.status()).as(onboarding.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.tableflowTopics().list()).hasSize(1);
    }

    @Test
    void bootstrapAfterAForcedTeardownCreatesANewKey() {
        assertThat(bed.run(MACHINE, FORCED).succeeded()).isTrue();

        ExecutionResult bootstrap = bed.bootstrap();

        assertThat(bootstrap.status()).as(bootstrap.cause()).isEqualTo("SUCCEEDED");
        assertThat(bootstrap.outputOf("EnsureTableflowApiKey").path("tableflowApiKey").path("outcome").asText()).isEqualTo("CREATED");
        assertThat(secretsHoldingAKey()).contains(TABLEFLOW_KEY_SECRET);
    }

    @Test
    void badForceIsRefusedBeforeAnythingIsDeleted() {
        long confluentWrites = bed.confluent.writes();
        long awsWrites = bed.aws.writes("secretsmanager") + bed.aws.writes("iam");

        ExecutionResult run = bed.run(MACHINE, "{\"force\":\"true\"}");

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("dev.tableflow.onboarding.errors.InvalidInputException");
        assertThat(run.cause()).contains("StartTeardown: ").contains("invalid force: must be true or false");
        assertThat(bed.confluent.writes()).isEqualTo(confluentWrites);
        assertThat(bed.aws.writes("secretsmanager") + bed.aws.writes("iam")).isEqualTo(awsWrites);
        assertThat(bed.confluent.tableflowTopics().list()).hasSize(1);
        assertThat(keyIds()).hasSize(3);
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TableflowTeardownFailed");
        assertThat(failed.path("detail").path("step").asText()).isEqualTo("StartTeardown");
        assertThat(failed.path("detail").path("cause").asText()).contains("invalid force");
    }

    @Test
    void aFailedTeardownNamesStepResourceAndConfluentsMessageAndTheNextOneFinishes() {
        bed.confluent.faults().next(1, Fault.status(403)).on("DELETE", "/tableflow/v1/catalog-integrations");

        ExecutionResult failed = bed.run(MACHINE, TEARDOWN);

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.error()).isEqualTo(TERMINAL);
        // Cause is the function's error document, as in Step Functions; its message is "step: resource: Confluent's message".
        assertThat(TestBed.parse(failed.cause()).path("errorMessage").asText())
                .startsWith("DeleteCatalogIntegration: catalog integration \"dev-confluent-glue\": 403");
        assertThat(bed.confluent.catalogIntegrations().list()).hasSize(1);
        assertThat(bed.confluent.providerIntegrations().list()).as("nothing after the failed step ran").hasSize(1);
        JsonNode event = single(bed.outcomeEvents());
        outcomes.add(event);
        assertThat(event.path("detail-type").asText()).isEqualTo("TableflowTeardownFailed");
        assertThat(event.path("detail").path("step").asText()).isEqualTo("DeleteCatalogIntegration");

        ExecutionResult finished = bed.run(MACHINE, TEARDOWN);

        assertThat(finished.status()).as(finished.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.catalogIntegrations().list()).isEmpty();
        assertThat(bed.confluent.providerIntegrations().list()).isEmpty();
        assertThat(finished.outputOf("DeleteKafkaApiKey").path("kafkaApiKey").path("outcome").asText()).as("done by the first run")
                .isEqualTo("UNCHANGED");
    }

    @Test
    void aFunctionKilledBetweenDeletingAKeyAndEmptyingItsSecretIsRetriedAndFinishes() {
        // The first key the teardown deletes is the Schema Registry key (the reverse of onboarding).
        bed.confluent.hooks().afterApplied("DELETE", "/iam/v2/api-keys", () -> bed.lambda.kill("DeleteSchemaRegistryApiKeyFunction"));

        ExecutionResult run = bed.run(MACHINE, TEARDOWN);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.errors("DeleteSchemaRegistryApiKey")).contains("Runtime.ExitError");
        assertThat(run.outputOf("DeleteSchemaRegistryApiKey").path("schemaRegistryApiKey").path("outcome").asText())
                .as("the retry empties the secret").isEqualTo("DELETED");
        assertThat(secretsHoldingAKey()).containsExactlyInAnyOrder(TestBed.CLOUD_API_KEY_SECRET, TABLEFLOW_KEY_SECRET);
        assertThat(keyIds()).containsOnlyKeys(TABLEFLOW_KEY);
    }

    /** A TableFlow topic of the same cluster that does not store through this stack's provider integration is not ours. */
    @Test
    void anotherTableflowTopicOfTheClusterIsLeftEnabled() throws Exception {
        String cluster = bed.confluent.kafkaClusterId();
        bed.confluent.kafka().createTopic(cluster, "other-team", 1);
        HttpResponse<String> enabled = confluentHttp.send("POST", "/tableflow/v1/tableflow-topics", CloudHttp.basic(bed.confluent.createTableflowApiKey()),
                """
                {"spec":{"display_name":"other-team","storage":{"kind":"Managed"},"environment":{"id":"%s"},"kafka_cluster":{"id":"%s"}}}"""
                        .formatted(bed.confluent.environmentId(), cluster));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(202);

        ExecutionResult run = bed.run(MACHINE, TEARDOWN);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.outputOf("StartTeardown").path("teardown").path("tableflowTopics")).extracting(JsonNode::asText).containsExactly("topic2");
        assertThat(bed.confluent.tableflowTopics().list()).extracting(topic -> topic.path("spec").path("display_name").asText())
                .containsExactly("other-team");
    }

    /**
     * A teardown while the Kafka key rotates: the pending key goes with the others of its name, its version leaves the
     * rotation (which then fails instead of promoting a deleted key), and once onboarding stored a new key, a new
     * rotation works.
     */
    @Test
    void aTeardownDuringARotationTakesTheRotationsVersionOutOfIt() {
        String token = bed.rotation.start(KAFKA_KEY_SECRET);
        assertThat(bed.rotation.continueRotation(KAFKA_KEY_SECRET, token, List.of("createSecret"))).noneMatch(Invocation::failed);

        ExecutionResult run = bed.run(MACHINE, TEARDOWN);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(keyIds()).containsOnlyKeys(TABLEFLOW_KEY);
        assertThat(bed.secrets.describeSecret(r -> r.secretId(KAFKA_KEY_SECRET)).versionIdsToStages().values())
                .as("no version left pending").noneMatch(stages -> stages.contains("AWSPENDING"));
        Invocation stale = bed.rotation.invoke("finishSecret", KAFKA_KEY_SECRET, token);
        assertThat(stale.errorType()).isEqualTo("dev.tableflow.onboarding.errors.TerminalException");
        assertThat(stale.errorMessage()).contains("not staged AWSPENDING");

        assertThat(bed.bootstrap().succeeded()).isTrue();
        assertThat(bed.onboard(TOPIC2).succeeded()).isTrue();
        assertThat(bed.rotation.rotate(KAFKA_KEY_SECRET).succeeded()).isTrue();
    }

    /** A deployment with SchemaRegistryApiKeySecretName set: that key is the operator's, and the teardown never deletes it. */
    @Test
    void anOperatorsSchemaRegistryKeyIsKept() {
        Map<String, String> keysBefore = keyIds();
        List<String> secretsBefore = secretsHoldingAKey();
        long confluentWrites = bed.confluent.writes();

        try (LocalLambdaService lambda = bed.startFunction("DeleteSchemaRegistryApiKeyFunction", "OperatorKeyDeployment", Duration.ofMinutes(1),
                Map.of("TABLEFLOW_SCHEMA_REGISTRY_API_KEY_SECRET", "operator/schema-registry-key"))) {
            Invocation invocation = lambda.invoke("OperatorKeyDeployment", "{}");

            assertThat(invocation.failed()).as(invocation.errorMessage()).isFalse();
            assertThat(invocation.responseJson().path("kept").asBoolean()).isTrue();
            assertThat(invocation.responseJson().path("outcome").asText()).isEqualTo("UNCHANGED");
        }
        assertThat(bed.confluent.writes()).isEqualTo(confluentWrites);
        assertThat(keyIds()).isEqualTo(keysBefore);
        assertThat(secretsHoldingAKey()).containsExactlyInAnyOrderElementsOf(secretsBefore);
    }

    /** The environment's keys by display name (the Cloud API key has none of the environment's names). */
    private static Map<String, String> keyIds() {
        Map<String, String> ids = new TreeMap<>();
        for (JsonNode key : bed.confluent.apiKeys().list()) {
            String name = key.path("spec").path("display_name").asText("");
            if (name.startsWith(TestBed.ENVIRONMENT + "-")) {
                ids.put(name, key.path("id").asText());
            }
        }
        return ids;
    }

    /** The stack owns the key secrets (template.yaml): a deleted key's secret stays, emptied to the placeholder. */
    private static List<String> secretsHoldingAKey() {
        return bed.secrets.listSecrets(r -> r.maxResults(100)).secretList().stream().map(SecretListEntry::name)
                .filter(name -> !SecretStore.PLACEHOLDER.equals(bed.secretString(name))).toList();
    }
}
