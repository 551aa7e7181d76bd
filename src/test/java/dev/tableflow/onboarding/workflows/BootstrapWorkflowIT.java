package dev.tableflow.onboarding.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.Fault;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment bootstrap end to end: the packaged functions, the real bootstrap ASL, moto and the Confluent Cloud
 * test server (which validates every request against Confluent's specs when ../shared is present).
 */
class BootstrapWorkflowIT extends WorkflowTestBase {

    static final String TOPIC2 = TestBed.sampleDetail("onboard-topic2.json");

    @BeforeEach
    void reset() {
        bed.reset();
    }

    @Test
    void cleanBootstrapWiresConfluentToTheAccountInOrder() {
        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.statesEntered()).containsSubsequence("EnsureProviderIntegration", "EnsureTableflowApiKey", "CheckTableflowApiKey",
                "EnsureRoleBinding", "EnsureCatalogIntegration", "EnsureTrustPolicy", "CheckCatalogIntegration", "BootstrapSucceeded");

        JsonNode integration = single(bed.confluent.providerIntegrations().list());
        assertThat(integration.path("display_name").asText()).isEqualTo("dev-provider-glue");
        assertThat(integration.path("config").path("customer_iam_role_arn").asText()).isEqualTo(TestBed.CUSTOMER_ROLE_ARN);

        JsonNode key = single(bed.confluent.apiKeys().list().stream().filter(k -> k.path("spec").path("display_name").asText().equals("dev-tableflow-api-key")).toList());
        assertThat(key.path("spec").path("owner").path("id").asText()).isEqualTo(bed.confluent.serviceAccountId());
        assertThat(key.path("spec").path("resource").path("id").asText()).isEqualTo("tableflow");
        JsonNode stored = TestBed.parse(bed.secretString(TestBed.SECRET_PREFIX + "tableflow-api-key"));
        assertThat(stored.path("api_key").asText()).isEqualTo(key.path("id").asText());
        TestBed.assertSameSecret(stored.path("api_secret").asText(), bed.confluent.apiKeys().secretOf(key.path("id").asText()),
                "the TableFlow key's stored secret");

        JsonNode binding = single(bed.confluent.roleBindings().list());
        assertThat(binding.path("principal").asText()).isEqualTo("User:" + bed.confluent.serviceAccountId());
        assertThat(binding.path("role_name").asText()).isEqualTo("ResourceOwner");
        assertThat(binding.path("crn_pattern").asText()).endsWith("/provider-integration=" + integration.path("id").asText())
                .contains("organization=" + bed.confluent.organizationId());

        JsonNode catalog = single(bed.confluent.catalogIntegrations().list());
        assertThat(catalog.path("spec").path("display_name").asText()).isEqualTo("dev-confluent-glue");
        assertThat(catalog.path("spec").path("config").path("provider_integration_id").asText()).isEqualTo(integration.path("id").asText());
        assertThat(catalog.path("status").path("phase").asText()).as("no topic has TableFlow yet").isEqualTo("PENDING");
        assertThat(run.output().path("catalogIntegration").path("phase").asText()).isEqualTo("PENDING");
        assertThat(run.output().path("catalogIntegration").path("note").asText()).isEqualTo(CatalogIntegration.CONNECTS_WITH_FIRST_TOPIC);
        assertThat(run.retries("CheckCatalogIntegration")).as("a fresh environment's catalog is not waited for").isZero();

        JsonNode statements = bed.trustPolicy().path("Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).path("Sid").asText()).as("the existing statement is kept").isEqualTo("AnalyticsJobs");
        JsonNode ours = statements.get(1);
        assertThat(ours.path("Principal").path("AWS").asText()).isEqualTo(integration.path("config").path("iam_role_arn").asText());
        assertThat(ours.path("Condition").path("StringEquals").path("sts:ExternalId").asText())
                .isEqualTo(integration.path("config").path("external_id").asText());

        assertThat(run.output().toString()).doesNotContain("secret\":\"").contains(key.path("id").asText());
    }

    @Test
    void rerunOfAFinishedBootstrapWritesNothing() {
        assertThat(bed.bootstrap().succeeded()).isTrue();
        long confluentWrites = bed.confluent.writes();
        bed.aws.reset();

        ExecutionResult rerun = bed.bootstrap();

        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.writes()).as("Confluent writes on rerun").isEqualTo(confluentWrites);
        assertThat(bed.aws.writes()).as("AWS writes on rerun: " + bed.aws.calls()).isZero();
        assertThat(rerun.output().path("providerIntegration").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(rerun.output().path("tableflowApiKey").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(rerun.output().path("catalogIntegration").path("phase").asText()).as("still no topic").isEqualTo("PENDING");
        assertThat(rerun.output().path("trustPolicy").path("outcome").asText()).isEqualTo("UNCHANGED");
    }

    @Test
    void aCloudApiKeyTheOperatorRotatedIsPickedUpByFunctionsStillWarm() {
        assertThat(bed.bootstrap().succeeded()).isTrue(); // each function now holds the Cloud API key it read
        var rotated = bed.confluent.apiKeys().rotateCloudKey();
        bed.secrets.putSecretValue(r -> r.secretId(TestBed.CLOUD_API_KEY_SECRET)
                .secretString("{\"api_key\":\"" + rotated.key() + "\",\"api_secret\":\"" + rotated.secret() + "\"}"));
        int before = bed.lambda.invocations().size();

        ExecutionResult rerun = bed.bootstrap();

        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        List<Invocation> warm = bed.lambda.invocations().subList(before, bed.lambda.invocations().size());
        assertThat(warm).extracting(Invocation::function).contains("EnsureProviderIntegrationFunction");
        assertThat(warm).noneMatch(Invocation::coldStart);
        assertThat(rerun.output().path("tableflowApiKey").path("outcome").asText()).isEqualTo("ADOPTED");
    }

    @Test
    void bootstrapRidesThroughRateLimitsOutagesAndResets() {
        // Rate limits on reads and writes, outages on the creates, a dropped connection on the key create.
        bed.confluent.faults().next(2, Fault.rateLimited(1)).on("GET", "/pim/v1/integrations");
        bed.confluent.faults().next(1, Fault.status(503)).on("POST", "/pim/v1/integrations");
        bed.confluent.faults().next(1, Fault.connectionReset()).on("POST", "/iam/v2/api-keys");
        bed.confluent.faults().next(3, Fault.rateLimited(1)).on("POST", "/tableflow/v1/catalog-integrations");
        bed.confluent.faults().next(1, Fault.status(502)).on("GET", "/tableflow/v1/catalog-integrations");

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.retries("EnsureProviderIntegration")).as("the 503 on a create is left to the state machine").isPositive();
        assertThat(bed.confluent.faults().pending()).as("every injected fault was hit").isZero();
        assertThat(bed.confluent.providerIntegrations().list()).hasSize(1);
        assertThat(bed.confluent.catalogIntegrations().list()).hasSize(1);
        assertThat(bed.confluent.apiKeys().list().stream().filter(k -> k.path("spec").path("display_name").asText().equals("dev-tableflow-api-key")))
                .as("no orphan or duplicate key").hasSize(1);
    }

    @Test
    void roleBindingTheCloudKeyMayNotGrantEndsTheRunWithConfluentsMessageAndWhatToDo() {
        bed.confluent.faults().next(1, Fault.status(403)).on("POST", "/iam/v2/role-bindings");

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo(TERMINAL);
        assertThat(run.cause()).contains("EnsureRoleBinding: role binding ResourceOwner for User:" + bed.confluent.serviceAccountId() + ": 403")
                .contains("needs a Cloud API key whose owner may manage role bindings");
        assertThat(run.cause().split("EnsureRoleBinding: ", -1)).as("the step and resource said once").hasSize(2);
        assertThat(run.statesEntered()).endsWith("BootstrapFailed");
    }

    /**
     * Confluent syncs a catalog only once a topic of its cluster has TableFlow, so the catalog integration connects with
     * the first onboarding: the bootstrap says so and goes on, the first topic's AWS Glue sync shows the connection, and
     * the next bootstrap finds it CONNECTED.
     */
    @Test
    void theCatalogConnectsWithTheFirstTopicAndTheNextBootstrapSeesItConnected() {
        assertThat(bed.bootstrap().output().path("catalogIntegration").path("phase").asText()).isEqualTo("PENDING");

        ExecutionResult onboarding = bed.onboard(TOPIC2);

        assertThat(onboarding.status()).as(onboarding.cause()).isEqualTo("SUCCEEDED");
        assertThat(single(bed.confluent.catalogIntegrations().list()).at("/status/phase").asText()).as("connected by the first topic")
                .isEqualTo("CONNECTED");
        assertThat(bed.glue.getTable(r -> r.databaseName(bed.confluent.kafkaClusterId()).name("topic2")).table().name()).isEqualTo("topic2");
        outcomes.addAll(bed.outcomeEvents());
        assertThat(single(outcomes).path("detail-type").asText()).isEqualTo("TopicOnboarded");
        ExecutionResult rerun = bed.bootstrap();
        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(rerun.output().path("catalogIntegration").path("phase").asText()).isEqualTo("CONNECTED");
        assertThat(rerun.output().path("catalogIntegration").has("note")).isFalse();
    }

    /**
     * A catalog integration Confluent cannot connect shows once it syncs, i.e. with the first topic: that topic fails
     * with Confluent's message (not after the check's 23-minute wait), and so does the next bootstrap.
     */
    @Test
    void failedCatalogIntegrationEndsTheFirstTopicAndTheNextBootstrapWithConfluentsMessage() {
        String message = "Unable to assume role arn:aws:iam::123456789012:role/tableflow-dev-glue-access: AccessDenied";
        bed.confluent.catalogIntegrations().failNext(message);
        assertThat(bed.bootstrap().status()).as("not syncing yet: PENDING").isEqualTo("SUCCEEDED");

        assertThat(bed.onboard(TOPIC2).status()).isEqualTo("SUCCEEDED");
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.path("detail").path("step").asText()).isEqualTo("CheckTableflowTopic");
        assertThat(failed.path("detail").path("errorType").asText()).isEqualTo(TERMINAL);
        String catalog = single(bed.confluent.catalogIntegrations().list()).path("id").asText();
        assertThat(failed.path("detail").path("cause").asText()).isEqualTo("AWS Glue catalog integration " + catalog + " FAILED: " + message
                + "; fix it (see the runbook's Catalog Access Issues), then re-run the bootstrap");

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo(TERMINAL);
        assertThat(run.cause()).contains("CheckCatalogIntegration: catalog integration \\\"dev-confluent-glue\\\": phase FAILED: " + message);
        assertThat(run.statesEntered()).endsWith("BootstrapFailed");
    }

    /** Once topics have TableFlow, PENDING means the connection is still being made: the bootstrap waits for it. */
    @Test
    void aCatalogRecreatedOnAClusterWithTopicsIsWaitedForUntilConnected() {
        assertThat(bed.bootstrap().succeeded()).isTrue();
        assertThat(bed.onboard(TOPIC2).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        bed.confluent.catalogIntegrations().delete(single(bed.confluent.catalogIntegrations().list()).path("id").asText());
        bed.confluent.catalogIntegrations().getsUntilConnected(4);

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.outputOf("EnsureCatalogIntegration").path("catalogIntegration").path("outcome").asText()).isEqualTo("CREATED");
        assertThat(run.errors("CheckCatalogIntegration")).as("PENDING with topics is polled").isNotEmpty().containsOnly(NOT_READY);
        assertThat(run.output().path("catalogIntegration").path("phase").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void aKeyAnotherRunHasJustCreatedIsLeftForThatRunToStore() {
        // A concurrent run created it an instant ago and has not stored it yet: no secret holds it.
        var inFlight = bed.confluent.apiKeys().seed(bed.confluent.serviceAccountId(), "tableflow", "dev-tableflow-api-key");

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        List<String> named = bed.confluent.apiKeys().list().stream()
                .filter(k -> k.path("spec").path("display_name").asText().equals("dev-tableflow-api-key")).map(k -> k.path("id").asText()).toList();
        assertThat(named).as("ours and the other run's").hasSize(2).contains(inFlight.key());
        String stored = TestBed.parse(bed.secretString(TestBed.SECRET_PREFIX + "tableflow-api-key")).path("api_key").asText();
        assertThat(stored).isNotEqualTo(inFlight.key()).isIn(named);
        assertThat(bed.confluent.requests().all()).noneMatch(r -> r.method().equals("DELETE") && r.path().startsWith("/iam/v2/api-keys/"));
    }

    @Test
    void tableflowKeyWhoseSecretWasLostIsReplacedAndTheOrphanDeleted() {
        var lost = bed.confluent.apiKeys().seed(bed.confluent.serviceAccountId(), "tableflow", "dev-tableflow-api-key", Duration.ofHours(2));

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.output().path("tableflowApiKey").path("outcome").asText()).isEqualTo("REPLACED");
        List<JsonNode> named = bed.confluent.apiKeys().list().stream()
                .filter(k -> k.path("spec").path("display_name").asText().equals("dev-tableflow-api-key")).toList();
        assertThat(named).hasSize(1);
        String kept = named.get(0).path("id").asText();
        assertThat(kept).isNotEqualTo(lost.key());
        assertThat(bed.confluent.apiKeys().secretOf(lost.key()) == null).as("the orphan is deleted").isTrue(); // never print a secret
        assertThat(TestBed.parse(bed.secretString(TestBed.SECRET_PREFIX + "tableflow-api-key")).path("api_key").asText()).isEqualTo(kept);
    }

    /** The steps find the integrations they build on themselves (Trust boundaries): one that is missing says what to do. */
    @Test
    void aStepWhoseIntegrationIsMissingSaysToRunTheBootstrap() {
        long confluentWrites = bed.confluent.writes();
        for (String function : List.of("EnsureRoleBindingFunction", "EnsureCatalogIntegrationFunction", "EnsureTrustPolicyFunction")) {
            Invocation invocation = bed.lambda.invoke(function, "{}");

            assertThat(invocation.errorType()).as(function + ": " + invocation.errorMessage()).isEqualTo(TERMINAL);
            assertThat(invocation.errorMessage()).as(function).startsWith(function.replace("Function", "") + ": ")
                    .contains("provider integration \"dev-provider-glue\" not found: EnsureProviderIntegration did not run")
                    .endsWith("run the bootstrap");
        }
        assertThat(bed.confluent.writes()).isEqualTo(confluentWrites);
        assertThat(bed.aws.writes()).isZero();
        assertThat(bed.trustPolicy()).isEqualTo(TestBed.parse(TestBed.EXISTING_TRUST));

        assertThat(bed.bootstrap().succeeded()).isTrue();
        bed.confluent.catalogIntegrations().delete(single(bed.confluent.catalogIntegrations().list()).path("id").asText());
        Invocation check = bed.lambda.invoke("CheckCatalogIntegrationFunction", "{}");

        assertThat(check.errorType()).as(check.errorMessage()).isEqualTo(TERMINAL);
        assertThat(check.errorMessage()).contains("catalog integration \"dev-confluent-glue\" not found: EnsureCatalogIntegration did not run");
    }

    @Test
    void existingIntegrationForAnotherRoleIsRefusedBeforeAnythingIsWritten() throws Exception {
        String otherRole = "arn:aws:iam::123456789012:role/somebody-else";
        // Someone made dev-provider-glue by hand for another role; pim/v1 cannot update it.
        HttpResponse<String> created = confluentHttp.cloud("POST", "/pim/v1/integrations", """
                {"display_name":"dev-provider-glue","provider":"AWS","environment":{"id":"%s"},
                 "config":{"kind":"AwsIntegrationConfig","customer_iam_role_arn":"%s"}}""".formatted(bed.confluent.environmentId(), otherRole));
        assertThat(created.statusCode()).isEqualTo(201);
        long writesBefore = bed.confluent.writes();

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo(TERMINAL);
        assertThat(run.cause()).contains("EnsureProviderIntegration: provider integration \\\"dev-provider-glue\\\"")
                .contains(otherRole).contains("cannot update");
        assertThat(bed.confluent.writes()).as("nothing created after the refusal").isEqualTo(writesBefore);
        assertThat(bed.aws.writes()).isZero();
    }

    /**
     * A call that hangs past what the invocation has left is cut short, so the step fails as its own retryable error,
     * naming the step and the resource, rather than as a Lambda timeout that names neither. Its own function, with a
     * short timeout: the template's is a minute.
     */
    @Test
    void aStepShortOfTimeFailsAsItsOwnRetryableErrorNotALambdaTimeout() {
        Duration timeout = Duration.ofSeconds(8);
        bed.confluent.faults().next(1, Fault.hang(timeout.multipliedBy(3))).on("GET", "/pim/v1/integrations");

        try (LocalLambdaService lambda = bed.startFunction("EnsureProviderIntegrationFunction", "ShortTimeout", timeout, Map.of())) {
            Invocation invocation = lambda.invoke("ShortTimeout", "{\"invocation\":{\"executionId\":\"e-1\",\"retryCount\":0}}");

            assertThat(invocation.errorType()).as(invocation.errorMessage()).isEqualTo("dev.tableflow.onboarding.errors.RetryableException");
            assertThat(invocation.errorMessage()).startsWith("EnsureProviderIntegration: provider integration \"dev-provider-glue\": ")
                    .contains("no answer from Confluent Cloud: GET ");
        }
        assertThat(bed.confluent.providerIntegrations().list()).as("nothing created").isEmpty();
    }
}
