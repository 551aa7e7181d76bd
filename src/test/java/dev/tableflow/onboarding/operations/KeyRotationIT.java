package dev.tableflow.onboarding.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.SecretsManagerRotation;
import dev.tableflow.onboarding.testbed.SecretsManagerRotation.Rotation;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.aws.AwsCall;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API key rotation through Secrets Manager's four-step contract, on a deployment whose key secrets template.yaml
 * declared (placeholders until the key steps fill them): the rotation function runs packaged, Secrets Manager's
 * driver is {@link SecretsManagerRotation}, the version stages live in moto, the keys in the Confluent test server.
 */
class KeyRotationIT extends WorkflowTestBase {

    static final String TABLEFLOW_SECRET = TestBed.SECRET_PREFIX + "tableflow-api-key";
    static final String KAFKA_SECRET = TestBed.SECRET_PREFIX + "tableflow-topic-key";
    static final String SCHEMA_REGISTRY_SECRET = TestBed.SECRET_PREFIX + "schema-registry-key";
    /** The ARN of a secret in the test bed's account and region, where its functions run. */
    static final String OWN_ARN_PREFIX = "arn:aws:secretsmanager:" + TestBed.REGION + ":" + TestBed.ACCOUNT + ":secret:";
    static final String TOPIC2 = TestBed.sampleDetail("onboard-topic2.json");

    @BeforeEach
    void deployedAndBootstrapped() {
        bed.reset();
        ExecutionResult bootstrap = bed.bootstrap();
        assertThat(bootstrap.status()).as(bootstrap.cause()).isEqualTo("SUCCEEDED");
    }

    @Test
    void theKeyStepsFillTheSecretsTheTemplateDeclaresAndRotationIsNeededForNone() {
        List<String> secretWrites = bed.aws.calls().stream().filter(c -> c.service().equals("secretsmanager") && c.isWrite())
                .map(AwsCall::action).toList();
        assertThat(secretWrites).as("the template's secret is found and written, not created").containsExactly("PutSecretValue");
        assertWorks(current(TABLEFLOW_SECRET));
        assertThat(bed.secretString(KAFKA_SECRET)).as("no onboarding yet: still the placeholder").isEqualTo("{\"api_key\":\"\",\"api_secret\":\"\"}");
    }

    @Test
    void theTableflowKeyRotatesAndTheOldKeyIsDeletedOnlyAfterThePromotion() {
        JsonNode old = current(TABLEFLOW_SECRET);
        AtomicReference<String> currentWhenDeleted = new AtomicReference<>();
        bed.confluent.hooks().afterApplied("DELETE", "/iam/v2/api-keys/" + keyId(old), () -> currentWhenDeleted.set(keyId(current(TABLEFLOW_SECRET))));

        Rotation rotation = bed.rotation.rotate(TABLEFLOW_SECRET);

        assertThat(rotation.succeeded()).as(describe(rotation)).isTrue();
        JsonNode rotated = current(TABLEFLOW_SECRET);
        assertThat(keyId(rotated)).isNotEqualTo(keyId(old));
        assertThat(currentWhenDeleted.get()).as("AWSCURRENT when the old key was deleted").isEqualTo(keyId(rotated));
        assertThat(keyIds()).contains(keyId(rotated)).doesNotContain(keyId(old));
        assertThat(tableflowStatus(old)).as("the old key").isEqualTo(401);
        assertWorks(rotated);
        assertThat(stagesOf(TABLEFLOW_SECRET).get(rotation.token())).as("AWSPENDING taken off at the end").containsExactly("AWSCURRENT");

        long writes = bed.confluent.writes();
        ExecutionResult rerun = bed.bootstrap();
        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(rerun.output().path("tableflowApiKey").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(bed.confluent.writes()).as("a bootstrap after the rotation writes nothing to Confluent").isEqualTo(writes);
        assertThat(bed.confluent.catalogIntegrations().list()).hasSize(1);
    }

    @Test
    void theKafkaKeyRotatesAndOnboardingKeepsWorkingWithTheNewKey() {
        assertThat(bed.onboard(TOPIC2).succeeded()).isTrue();
        JsonNode old = current(KAFKA_SECRET);

        Rotation rotation = bed.rotation.rotate(KAFKA_SECRET);

        assertThat(rotation.succeeded()).as(describe(rotation)).isTrue();
        JsonNode rotated = current(KAFKA_SECRET);
        assertThat(keyId(rotated)).isNotEqualTo(keyId(old));
        assertThat(keyIds()).contains(keyId(rotated)).doesNotContain(keyId(old));
        assertThat(kafkaStatus(old)).as("the old key").isEqualTo(401);
        assertThat(kafkaStatus(rotated)).as("the new key").isEqualTo(200);
        long writes = bed.confluent.writes();
        ExecutionResult rerun = bed.onboard(TOPIC2);
        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.writes()).as("an onboarding rerun after the rotation writes nothing to Confluent").isEqualTo(writes);
    }

    @Test
    void workflowsRunDuringARotationSucceedAndSpareThePendingKeys() {
        assertThat(bed.onboard(TOPIC2).succeeded()).isTrue();
        String tableflowToken = bed.rotation.start(TABLEFLOW_SECRET);
        String kafkaToken = bed.rotation.start(KAFKA_SECRET);
        List<String> firstSteps = List.of("createSecret", "setSecret", "testSecret");
        assertThat(bed.rotation.continueRotation(TABLEFLOW_SECRET, tableflowToken, firstSteps).getLast().failed()).isFalse();
        assertThat(bed.rotation.continueRotation(KAFKA_SECRET, kafkaToken, firstSteps).getLast().failed()).isFalse();
        List<String> keysDuring = keyIds();
        long writes = bed.confluent.writes();

        ExecutionResult bootstrap = bed.bootstrap();
        ExecutionResult onboarding = bed.onboard(TOPIC2);

        assertThat(bootstrap.status()).as(bootstrap.cause()).isEqualTo("SUCCEEDED");
        assertThat(onboarding.status()).as(onboarding.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.writes()).as("no key created or deleted during the rotation").isEqualTo(writes);
        assertThat(keyIds()).containsExactlyElementsOf(keysDuring)
                .contains(keyId(pending(TABLEFLOW_SECRET, tableflowToken)), keyId(pending(KAFKA_SECRET, kafkaToken)));

        assertThat(bed.rotation.continueRotation(TABLEFLOW_SECRET, tableflowToken, List.of("finishSecret"))).noneMatch(Invocation::failed);
        assertThat(bed.rotation.continueRotation(KAFKA_SECRET, kafkaToken, List.of("finishSecret"))).noneMatch(Invocation::failed);
        long afterRotation = bed.confluent.writes();
        assertThat(bed.bootstrap().succeeded()).isTrue();
        assertThat(bed.onboard(TOPIC2).succeeded()).isTrue();
        assertThat(bed.confluent.writes()).as("after the rotation both workflows adopt the new keys").isEqualTo(afterRotation);
    }

    @Test
    void createSecretRunTwiceWithTheSameTokenCreatesOneKey() {
        String token = bed.rotation.start(TABLEFLOW_SECRET);
        Invocation first = bed.rotation.invoke("createSecret", TABLEFLOW_SECRET, token);
        long keyCreations = bed.confluent.writes("/iam/v2/api-keys");

        Invocation second = bed.rotation.invoke("createSecret", TABLEFLOW_SECRET, token);

        assertThat(first.responseJson().path("outcome").asText()).as(first.response()).isEqualTo("CREATED");
        assertThat(second.responseJson().path("outcome").asText()).as(second.response()).isEqualTo("ADOPTED");
        assertThat(second.responseJson().path("keyId").asText()).isEqualTo(first.responseJson().path("keyId").asText());
        assertThat(bed.confluent.writes("/iam/v2/api-keys")).isEqualTo(keyCreations);
        assertThat(keyIds()).hasSize(3); // the Cloud API key, the current TableFlow key and the pending one
    }

    @Test
    void aCrashBetweenCreatingTheKeyAndStoringItLeavesNoOrphan() {
        String token = bed.rotation.start(TABLEFLOW_SECRET);
        bed.confluent.hooks().afterApplied("POST", "/iam/v2/api-keys", () -> bed.lambda.kill(SecretsManagerRotation.FUNCTION));
        Invocation crashed = bed.rotation.invoke("createSecret", TABLEFLOW_SECRET, token);
        assertThat(crashed.errorType()).isEqualTo("Runtime.ExitError");
        assertThat(keyIds()).hasSize(3); // the Cloud API key, the current key, and the orphan whose secret is nowhere

        List<Invocation> rest = bed.rotation.continueRotation(TABLEFLOW_SECRET, token, SecretsManagerRotation.STEPS);

        assertThat(rest.getLast().failed()).as(rest.getLast().response()).isFalse();
        assertThat(rest.getFirst().responseJson().path("outcome").asText()).isEqualTo("REPLACED");
        assertThat(keyIds()).containsExactlyInAnyOrder(bed.confluent.cloudApiKey(), keyId(current(TABLEFLOW_SECRET)));
        assertWorks(current(TABLEFLOW_SECRET));
    }

    /** Secrets Manager runs testSecret once: the function itself waits while Confluent still refuses the new key. */
    @Test
    void testSecretWaitsUntilTheNewKeyHasPropagated() {
        bed.confluent.apiKeys().requestsUntilKeyWorks(3);

        Rotation rotation = bed.rotation.rotate(TABLEFLOW_SECRET);

        assertThat(rotation.invocations()).extracting(i -> TestBed.parse(i.request()).path("Step").asText())
                .as("each step once").containsExactlyElementsOf(SecretsManagerRotation.STEPS);
        assertThat(rotation.invocations()).as("testSecret waited for the key the server refused 3 times").noneMatch(Invocation::failed);
        assertThat(keyId(current(TABLEFLOW_SECRET))).isEqualTo(keyId(pending(TABLEFLOW_SECRET, rotation.token())));
    }

    /**
     * A rotation's pending key is not in use yet: a refusal is propagation however old its secret version, which
     * Secrets Manager may have created when the rotation started. The stack's window for stored keys cannot pass in a
     * test, so this function runs with none, where every stored key counts as old; testSecret still waits.
     */
    @Test
    void testSecretWaitsForThePendingKeyHoweverOldItsVersion() {
        bed.confluent.apiKeys().requestsUntilKeyWorks(2);
        String token = bed.rotation.start(TABLEFLOW_SECRET);
        assertThat(bed.rotation.invoke("createSecret", TABLEFLOW_SECRET, token).failed()).isFalse();
        String arn = bed.secrets.describeSecret(r -> r.secretId(TABLEFLOW_SECRET)).arn();

        try (LocalLambdaService lambda = bed.startFunction(SecretsManagerRotation.FUNCTION, "NoNewKeyWindow", Duration.ofMinutes(5),
                Map.of("RUNTIME_NEW_KEY_WINDOW", "PT0S"))) {
            Invocation test = lambda.invoke("NoNewKeyWindow",
                    "{\"Step\":\"testSecret\",\"SecretId\":\"" + arn + "\",\"ClientRequestToken\":\"" + token + "\"}");

            assertThat(test.failed()).as(test.response()).isFalse();
        }
    }

    @Test
    void aSecretThisApplicationDoesNotManageIsRefused() {
        long writes = bed.confluent.writes();
        bed.aws.reset();
        for (String secret : List.of(OWN_ARN_PREFIX + TestBed.CLOUD_API_KEY_SECRET + "-AbCdEf", OWN_ARN_PREFIX + "other/dev/tableflow-api-key-AbCdEf")) {
            Invocation refused = bed.lambda.invoke(SecretsManagerRotation.FUNCTION,
                    "{\"Step\":\"createSecret\",\"SecretId\":\"" + secret + "\",\"ClientRequestToken\":\"" + java.util.UUID.randomUUID() + "\"}");
            assertThat(refused.errorType()).isEqualTo(TERMINAL);
            assertThat(refused.errorMessage()).contains("not an API key secret this application manages");
        }
        assertThat(bed.confluent.writes()).isEqualTo(writes);
        assertThat(bed.aws.calls()).as("refused before any AWS call").isEmpty();
    }

    /**
     * The calls name the secret by its name, which Secrets Manager resolves in the function's own account and region:
     * a rotation event for a secret of the same name anywhere else would rotate ours. Only the exact ARN of one of
     * this stack's secrets passes; Secrets Manager sends the ARN, so a bare name is refused too.
     */
    @Test
    void aRotationEventForASecretOfAnotherAccountRegionOrPartitionIsRefusedBeforeAnyCall() {
        long writes = bed.confluent.writes();
        int confluentRequests = bed.confluent.requests().all().size();
        bed.aws.reset();
        String suffix = TABLEFLOW_SECRET + "-AbCdEf";
        for (String secret : List.of("arn:aws:secretsmanager:us-east-1:210987654321:secret:" + suffix,
                "arn:aws:secretsmanager:eu-west-1:" + TestBed.ACCOUNT + ":secret:" + suffix,
                "arn:aws-cn:secretsmanager:us-east-1:" + TestBed.ACCOUNT + ":secret:" + suffix,
                TABLEFLOW_SECRET, OWN_ARN_PREFIX + TABLEFLOW_SECRET)) {
            Invocation refused = bed.lambda.invoke(SecretsManagerRotation.FUNCTION,
                    "{\"Step\":\"createSecret\",\"SecretId\":\"" + secret + "\",\"ClientRequestToken\":\"" + java.util.UUID.randomUUID() + "\"}");
            assertThat(refused.errorType()).as(secret).isEqualTo("dev.tableflow.onboarding.errors.InvalidInputException");
            assertThat(refused.errorMessage()).as(secret).contains(": invalid SecretId: ").contains("is not a secret of this stack");
        }
        assertThat(bed.confluent.writes()).isEqualTo(writes);
        assertThat(bed.confluent.requests().all()).as("no Confluent call").hasSize(confluentRequests);
        assertThat(bed.aws.calls()).as("refused before any AWS call").isEmpty();
    }

    @Test
    void theSampleEventNamesOurSecretAndIsRefusedWhenRotationIsTurnedOffOrItsTokenNoVersion() {
        long writes = bed.confluent.writes();
        String sample = TestBed.readEvent("rotate-secret-createSecret.json");

        Invocation neverConfigured = bed.lambda.invoke(SecretsManagerRotation.FUNCTION, sample);
        bed.rotation.start(TABLEFLOW_SECRET); // turns rotation on, for another token
        Invocation unknownToken = bed.lambda.invoke(SecretsManagerRotation.FUNCTION, sample);
        bed.secrets.cancelRotateSecret(r -> r.secretId(TABLEFLOW_SECRET));
        assertThat(bed.secrets.describeSecret(r -> r.secretId(TABLEFLOW_SECRET)).rotationEnabled()).isFalse();
        Invocation rotationOff = bed.lambda.invoke(SecretsManagerRotation.FUNCTION, sample);

        assertThat(neverConfigured.errorMessage()).as("RotationEnabled absent is not \"off\": the token is what is wrong")
                .contains("not staged AWSPENDING");
        for (Invocation refused : List.of(neverConfigured, rotationOff, unknownToken)) {
            assertThat(refused.errorType()).isEqualTo(TERMINAL);
            assertThat(refused.errorMessage()).startsWith("RotateApiKey: API key \"dev-tableflow-api-key\" (createSecret, version ");
        }
        assertThat(rotationOff.errorMessage()).contains("rotation is not enabled");
        assertThat(unknownToken.errorMessage()).contains("not staged AWSPENDING");
        assertThat(bed.confluent.writes()).isEqualTo(writes);
    }

    /**
     * A first deploy configures each schedule with RotateImmediatelyOnUpdate false: Secrets Manager runs testSecret on a
     * secret never configured for rotation, whose DescribeSecret has no RotationEnabled. Refusing that as "rotation not
     * enabled" would fail the RotationSchedule and roll the deploy back; AWS's rotation templates refuse only false.
     */
    @Test
    void theSetUpCheckOfANewScheduleOnASecretWithoutRotationEnabledPasses() {
        long writes = bed.confluent.writes();
        for (String secret : List.of(TABLEFLOW_SECRET, KAFKA_SECRET, SCHEMA_REGISTRY_SECRET)) {
            assertThat(bed.secrets.describeSecret(r -> r.secretId(secret)).rotationEnabled()).as(secret + ": never configured for rotation").isNull();

            Invocation check = bed.rotation.checkSetUp(secret);

            assertThat(check.failed()).as(secret + ": " + check.errorMessage()).isFalse();
        }
        assertThat(bed.confluent.writes()).as("a check creates no key").isEqualTo(writes);
    }

    @Test
    void scheduleSetUpCheckPassesOnASecretNoKeyStepHasFilled() {
        // What configuring the RotationSchedule with RotateImmediatelyOnUpdate false does: testSecret on a copy of the current value.
        String token = java.util.UUID.randomUUID().toString();
        try {
            bed.secrets.rotateSecret(r -> r.secretId(SCHEMA_REGISTRY_SECRET).clientRequestToken(token).rotateImmediately(false)
                    .rotationLambdaARN(bed.lambda.functionArn(SecretsManagerRotation.FUNCTION)).rotationRules(rules -> rules.automaticallyAfterDays(90L)));
        } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException expected) {
            // moto looked for the function in its own Lambda emulation (see SecretsManagerRotation)
        }

        Invocation check = bed.rotation.invoke("testSecret", SCHEMA_REGISTRY_SECRET, token);
        Invocation create = bed.rotation.invoke("createSecret", SCHEMA_REGISTRY_SECRET, token);

        assertThat(check.failed()).as(check.response()).isFalse();
        assertThat(create.errorType()).as("nothing to rotate before onboarding stored a key").isEqualTo(TERMINAL);
        assertThat(create.errorMessage()).contains("holds no key yet");
    }

    // ----- helpers

    private static JsonNode current(String secret) {
        return TestBed.parse(bed.secretString(secret));
    }

    private static JsonNode pending(String secret, String token) {
        return TestBed.parse(bed.secrets.getSecretValue(r -> r.secretId(secret).versionId(token)).secretString());
    }

    private static Map<String, List<String>> stagesOf(String secret) {
        return bed.secrets.describeSecret(r -> r.secretId(secret)).versionIdsToStages();
    }

    private static String keyId(JsonNode stored) {
        return stored.path("api_key").asText();
    }

    private static List<String> keyIds() {
        return bed.confluent.apiKeys().list().stream().map(key -> key.path("id").asText()).toList();
    }

    private static String basic(JsonNode stored) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((keyId(stored) + ":" + stored.path("api_secret").asText())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static int tableflowStatus(JsonNode stored) {
        try {
            return confluentHttp.send("GET", "/tableflow/v1/regions?page_size=1", basic(stored), null).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int kafkaStatus(JsonNode stored) {
        try {
            return confluentHttp.send("GET", bed.confluent.kafkaRestUrl() + "/kafka/v3/clusters/" + bed.confluent.kafkaClusterId() + "/topics",
                    basic(stored), null).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A key works once it has propagated: the test server refuses a new key's first requests. */
    private static void assertWorks(JsonNode stored) {
        int status = 401;
        for (int attempt = 0; attempt < 5 && status == 401; attempt++) {
            status = tableflowStatus(stored);
        }
        assertThat(status).as("the stored key").isEqualTo(200);
    }

    private static String describe(Rotation rotation) {
        return rotation.invocations().stream().map(i -> i.errorType() == null ? i.response() : i.errorType() + ": " + i.errorMessage()).toList().toString();
    }
}
