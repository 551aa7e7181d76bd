package dev.tableflow.onboarding.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.LoggedRequest;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A function dies between its write and what follows it, the way a Lambda runtime dies: the test server applies
 * the request, then the function's JVM is killed with SIGKILL before the answer reaches it (a hook in the Confluent
 * test server or the AWS proxy, {@code LocalLambdaService.kill}); nothing in the production code knows. Lambda
 * reports the dead runtime as {@code Runtime.ExitError}, which both workflows retry like any transient failure.
 * <p>
 * Each test proves two things: the same execution converges to exactly the end state of a clean run ({@link EndState}:
 * one of each resource, every key's secret stored and matching, no orphan key, one trust statement of ours beside
 * the operator's), and a fresh re-run afterwards writes nothing.
 */
class CrashPointsIT extends WorkflowTestBase {

    static final String TOPIC2 = TestBed.sampleDetail("onboard-topic2.json");
    static final String EXIT_ERROR = "Runtime.ExitError";
    static final String NOT_READY = "dev.tableflow.onboarding.errors.NotReadyException";

    private static List<String> cleanBootstrap;
    private static List<String> cleanOnboarding;
    /** Writes of the clean runs, bootstrap then onboarding: Confluent, AWS. */
    private static long[] cleanWrites;
    /** Where the test's workflow run starts counting, and which clean run it compares with. */
    private static long confluentWritesBefore;
    private static boolean onboardingRun;

    /** The reference: what a run nothing happened to leaves behind. */
    @BeforeAll
    static void cleanRuns() {
        bed.reset();
        ExecutionResult bootstrap = bed.bootstrap();
        assertThat(bootstrap.status()).as(bootstrap.cause()).isEqualTo("SUCCEEDED");
        cleanBootstrap = EndState.of(bed);
        long confluent = bed.confluent.writes();
        long aws = bed.aws.writes();
        bed.aws.reset();
        ExecutionResult onboarding = bed.onboard(TOPIC2);
        assertThat(onboarding.status()).as(onboarding.cause()).isEqualTo("SUCCEEDED");
        cleanOnboarding = EndState.of(bed);
        cleanWrites = new long[] {confluent, aws, bed.confluent.writes() - confluent, bed.aws.writes()};
        bed.outcomeEvents();
        System.out.printf("crash points: a clean bootstrap leaves %d resources and secrets, a clean onboarding of topic2 %d%n",
                cleanBootstrap.size(), cleanOnboarding.size());
    }

    // ----- bootstrap

    @Test
    void tableflowKeyCreatedItsSecretNotYetStored() {
        freshClouds();
        bed.confluent.hooks().afterApplied("POST", "/iam/v2/api-keys", () -> bed.lambda.kill("EnsureTableflowApiKeyFunction"));

        ExecutionResult run = bed.bootstrap();

        assertCrashedOnceThenSucceeded(run, "EnsureTableflowApiKey");
        // The retry finds a key of the name whose secret it never got: it creates another, stores it, then deletes the orphan.
        assertThat(run.outputOf("EnsureTableflowApiKey").path("tableflowApiKey").path("outcome").asText()).isEqualTo("REPLACED");
        assertThat(apiKeyWrites()).containsExactly("POST /iam/v2/api-keys", "POST /iam/v2/api-keys", "DELETE /iam/v2/api-keys/");
        assertThat(EndState.of(bed)).isEqualTo(cleanBootstrap);
        assertBootstrapRerunWritesNothing();
    }

    @Test
    void trustPolicyReadNotYetWritten() {
        freshClouds();
        bed.aws.afterAnswered(op -> op.service().equals("iam") && op.action().equals("GetRole"),
                () -> bed.lambda.kill("EnsureTrustPolicyFunction"));

        ExecutionResult run = bed.bootstrap();

        assertCrashedOnceThenSucceeded(run, "EnsureTrustPolicy");
        assertThat(bed.aws.pendingHooks()).isZero();
        assertThat(bed.aws.calls().stream().filter(c -> c.action().equals("UpdateAssumeRolePolicy")).count())
                .as("written once, by the retry").isEqualTo(1);
        JsonNode statements = bed.trustPolicy().path("Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).path("Sid").asText()).as("the operator's statement is kept").isEqualTo("AnalyticsJobs");
        assertThat(EndState.of(bed)).isEqualTo(cleanBootstrap);
        assertBootstrapRerunWritesNothing();
    }

    // ----- onboarding

    @Test
    void kafkaKeyCreatedItsSecretNotYetStored() {
        bootstrapped();
        int bootstrapKeyWrites = apiKeyWrites().size();
        bed.confluent.hooks().afterApplied("POST", "/iam/v2/api-keys", () -> bed.lambda.kill("EnsureKafkaApiKeyFunction"));

        String execution = startOnboarding();
        ExecutionResult run = bed.runStartedExecution(execution);

        assertCrashedOnceThenSucceeded(run, "EnsureKafkaApiKey");
        assertThat(run.output().path("kafka").path("outcome").asText()).isEqualTo("REPLACED");
        List<String> writes = apiKeyWrites();
        assertThat(writes.subList(bootstrapKeyWrites, writes.size())).as("the Kafka key twice and its orphan deleted, then the Schema Registry key")
                .containsExactly("POST /iam/v2/api-keys", "POST /iam/v2/api-keys", "DELETE /iam/v2/api-keys/", "POST /iam/v2/api-keys");
        assertOnboardedLikeACleanRun();
        assertOnboardingRerunWritesNothing(execution);
    }

    @Test
    void kafkaTopicCreatedSchemaNotRegistered() {
        bootstrapped();
        String topics = "/kafka/v3/clusters/" + bed.confluent.kafkaClusterId() + "/topics";
        bed.confluent.hooks().afterApplied("POST", topics, () -> bed.lambda.kill("EnsureTopicFunction"));

        String execution = startOnboarding();
        ExecutionResult run = bed.runStartedExecution(execution);

        assertCrashedOnceThenSucceeded(run, "EnsureTopic");
        assertThat(run.outputOf("EnsureTopic").path("kafkaTopic").path("outcome").asText()).as("the retry adopts the topic").isEqualTo("ADOPTED");
        assertThat(bed.confluent.writes(topics)).as("one create").isEqualTo(1);
        assertOnboardedLikeACleanRun();
        assertOnboardingRerunWritesNothing(execution);
    }

    @Test
    void tableflowTopicCreatedWaitNotFinished() {
        bootstrapped();
        bed.confluent.hooks().afterApplied("POST", "/tableflow/v1/tableflow-topics", () -> bed.lambda.kill("EnsureTableflowTopicFunction"));

        String execution = startOnboarding();
        ExecutionResult run = bed.runStartedExecution(execution);

        assertCrashedOnceThenSucceeded(run, "EnsureTableflowTopic");
        assertThat(run.outputOf("EnsureTableflowTopic").path("tableflowEnabled").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(bed.confluent.writes("/tableflow/v1/tableflow-topics")).as("one create").isEqualTo(1);
        assertOnboardedLikeACleanRun();
        assertOnboardingRerunWritesNothing(execution);
    }

    @Test
    void tableflowTopicWaitCrashesWhilePolling() {
        bootstrapped();
        // The first successful GET of the topic is CheckTableflowTopic's (EnsureTableflowTopic's look-up finds nothing).
        bed.confluent.hooks().afterApplied("GET", "/tableflow/v1/tableflow-topics/topic2", () -> bed.lambda.kill("CheckTableflowTopicFunction"));

        String execution = startOnboarding();
        ExecutionResult run = bed.runStartedExecution(execution);

        assertCrashedOnceThenSucceeded(run, "CheckTableflowTopic");
        assertThat(bed.confluent.writes("/tableflow/v1/tableflow-topics")).isEqualTo(1);
        assertOnboardedLikeACleanRun();
        assertOnboardingRerunWritesNothing(execution);
    }

    // ----- every other write of both workflows

    /**
     * The same crash after each remaining write: the function's result is lost after its effect took place. All but the
     * last converge silently; a crash after PutEvents publishes the topic's outcome a second time (EventBridge delivery
     * is at least once anyway, and the duplicate is identical).
     */
    static Stream<Arguments> everyOtherWrite() {
        String schemaVersions = "/sr/subjects/topic2-value/versions";
        return Stream.of(
                crash("provider integration created", false, "EnsureProviderIntegration", "EnsureProviderIntegrationFunction",
                        kill -> bed.confluent.hooks().afterApplied("POST", "/pim/v1/integrations", kill), 1),
                crash("TableFlow key's secret stored, result lost", false, "EnsureTableflowApiKey", "EnsureTableflowApiKeyFunction",
                        kill -> bed.aws.afterAnswered(op -> op.action().equals("PutSecretValue"), kill), 1),
                crash("role binding created", false, "EnsureRoleBinding", "EnsureRoleBindingFunction",
                        kill -> bed.confluent.hooks().afterApplied("POST", "/iam/v2/role-bindings", kill), 1),
                crash("catalog integration created", false, "EnsureCatalogIntegration", "EnsureCatalogIntegrationFunction",
                        kill -> bed.confluent.hooks().afterApplied("POST", "/tableflow/v1/catalog-integrations", kill), 1),
                crash("trust policy written, result lost", false, "EnsureTrustPolicy", "EnsureTrustPolicyFunction",
                        kill -> bed.aws.afterAnswered(op -> op.action().equals("UpdateAssumeRolePolicy"), kill), 1),
                crash("Kafka key's secret stored, result lost", true, "EnsureKafkaApiKey", "EnsureKafkaApiKeyFunction",
                        kill -> bed.aws.afterAnswered(op -> op.action().equals("PutSecretValue"), kill), 1),
                // The Kafka key is the first key the onboarding creates; the Schema Registry key is the second.
                crash("Schema Registry key created, its secret not yet stored", true, "EnsureSchemaRegistryApiKey",
                        "EnsureSchemaRegistryApiKeyFunction", kill -> bed.confluent.hooks().afterApplied("POST", "/iam/v2/api-keys",
                                () -> bed.confluent.hooks().afterApplied("POST", "/iam/v2/api-keys", kill)), 1),
                crash("schema registered, TableFlow not enabled", true, "EnsureSchema", "EnsureSchemaFunction",
                        kill -> bed.confluent.hooks().afterApplied("POST", schemaVersions, kill), 1),
                crash("outcome event published, result lost", true, "PublishTopicOnboarded", "PublishOutcomeFunction",
                        kill -> bed.aws.afterAnswered(op -> op.action().equals("PutEvents"), kill), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOtherWrite")
    void crashAfterAnyOtherWriteConvergesToo(String why, boolean onboarding, String state, String function, Consumer<Runnable> arm,
                                             int outcomeEvents) {
        if (onboarding) {
            bootstrapped();
        } else {
            freshClouds();
        }
        arm.accept(() -> bed.lambda.kill(function));

        if (!onboarding) {
            ExecutionResult run = bed.bootstrap();
            assertCrashedOnceThenSucceeded(run, state);
            assertThat(EndState.of(bed)).isEqualTo(cleanBootstrap);
            assertBootstrapRerunWritesNothing();
            return;
        }
        String execution = startOnboarding();
        ExecutionResult run = bed.runStartedExecution(execution);
        assertCrashedOnceThenSucceeded(run, state);
        assertThat(EndState.of(bed)).isEqualTo(cleanOnboarding);
        List<JsonNode> events = bed.outcomeEvents();
        outcomes.addAll(events);
        assertThat(events).hasSize(outcomeEvents).extracting(e -> e.path("detail-type").asText()).containsOnly("TopicOnboarded");
        assertThat(events.stream().map(e -> e.path("detail").toString()).distinct()).as("duplicates are identical").hasSize(1);
        assertOnboardingRerunWritesNothing(execution);
    }

    private static Arguments crash(String why, boolean onboarding, String state, String function, Consumer<Runnable> arm, int outcomeEvents) {
        return arguments(why, onboarding, state, function, arm, outcomeEvents);
    }

    // ----- helpers

    private static void freshClouds() {
        bed.reset();
        confluentWritesBefore = 0;
        onboardingRun = false;
    }

    /** Bootstrapped clouds; the AWS proxy's record and the write count start after the bootstrap. */
    private static void bootstrapped() {
        bed.reset();
        ExecutionResult bootstrap = bed.bootstrap();
        assertThat(bootstrap.status()).as(bootstrap.cause()).isEqualTo("SUCCEEDED");
        bed.aws.reset();
        confluentWritesBefore = bed.confluent.writes();
        onboardingRun = true;
    }

    private static String startOnboarding() {
        Invocation intake = bed.requestOnboarding(TOPIC2);
        assertThat(intake.failed()).as(intake.response()).isFalse();
        return intake.responseJson().path("executionName").asText();
    }

    /** The hook fired, the function died with the error Lambda gives a dead runtime, and the same execution went on. */
    private static void assertCrashedOnceThenSucceeded(ExecutionResult run, String state) {
        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.hooks().pending() + bed.aws.pendingHooks()).as("the crash point was reached").isZero();
        // A step using a key created moments before may also have polled for it (NotReadyException): nothing else.
        assertThat(run.errors(state)).as("what " + state + " failed with").containsOnlyOnce(EXIT_ERROR)
                .allMatch(error -> error.equals(EXIT_ERROR) || error.equals(NOT_READY));
        assertThat(run.retries(state)).isEqualTo(run.errors(state).size());
        assertThat(run.events("StateFailed").stream()
                .filter(e -> e.path("state").asText().equals(state) && e.path("error").asText().equals(EXIT_ERROR))
                .map(e -> e.path("cause").asText()))
                .singleElement().asString().contains("Runtime exited with error: signal: killed");
        int clean = onboardingRun ? 2 : 0;
        System.out.printf("crash point %s: failed with %s; writes Confluent %d (clean run %d), AWS %d (clean run %d)%n", state,
                run.errors(state), bed.confluent.writes() - confluentWritesBefore, cleanWrites[clean], bed.aws.writes(), cleanWrites[clean + 1]);
    }

    private void assertOnboardedLikeACleanRun() {
        assertThat(EndState.of(bed)).isEqualTo(cleanOnboarding);
        List<JsonNode> events = bed.outcomeEvents();
        outcomes.addAll(events);
        assertThat(events).extracting(e -> e.path("detail-type").asText()).containsExactly("TopicOnboarded");
    }

    private static void assertBootstrapRerunWritesNothing() {
        long confluentWrites = bed.confluent.writes();
        bed.aws.reset();

        ExecutionResult rerun = bed.bootstrap();

        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.writes()).as("Confluent writes on the re-run").isEqualTo(confluentWrites);
        assertThat(bed.aws.writes()).as("AWS writes on the re-run: " + bed.aws.calls()).isZero();
        assertThat(EndState.of(bed)).isEqualTo(cleanBootstrap);
    }

    private void assertOnboardingRerunWritesNothing(String execution) {
        long confluentWrites = bed.confluent.writes();
        bed.aws.reset();

        ExecutionResult rerun = bed.runStartedExecution(execution);

        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.writes()).as("Confluent writes on the re-run").isEqualTo(confluentWrites);
        assertThat(bed.aws.calls().stream().filter(c -> c.isWrite() && !c.action().equals("PutEvents")))
                .as("AWS writes on the re-run besides its outcome event").isEmpty();
        assertThat(EndState.of(bed)).isEqualTo(cleanOnboarding);
        outcomes.addAll(bed.outcomeEvents());
    }

    /** Accepted writes to the API keys API, in order, key ids cut off. */
    private static List<String> apiKeyWrites() {
        return bed.confluent.requests().matching(r -> r.write() && r.path().startsWith("/iam/v2/api-keys")).stream()
                .map(CrashPointsIT::withoutId).toList();
    }

    private static String withoutId(LoggedRequest request) {
        String path = request.path();
        return request.method() + " " + (path.length() > "/iam/v2/api-keys/".length() ? "/iam/v2/api-keys/" : path);
    }
}
