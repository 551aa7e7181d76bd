package dev.tableflow.onboarding.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.aws.AwsCall;
import dev.tableflow.onboarding.testbed.confluent.Fault;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both workflows under the failures real clouds produce: a share of every Confluent call fails (429 with
 * Retry-After 0: the wait itself is ConfluentCallsTest's), 500, 502, 503, connection reset) and so does a share of every AWS call (throttling, 503, reset),
 * through the real state machines. Each run starts from empty clouds; the numbers it prints go to RELIABILITY.md.
 */
class FaultSoakIT extends WorkflowTestBase {

    /** At least 50 (the figure); -Dsoak.runs=… for a longer soak. */
    static final int RUNS = Integer.getInteger("soak.runs", 50);
    static final double FAULT_RATE = 0.30;
    static final String TOPIC2 = TestBed.sampleDetail("onboard-topic2.json");
    /** EventBridge retries a failed asynchronous Lambda invocation twice by default. */
    static final int EVENTBRIDGE_ATTEMPTS = 3;
    static final dev.tableflow.onboarding.testbed.aws.Fault AWS_THROTTLING = dev.tableflow.onboarding.testbed.aws.Fault.status(400);
    static final dev.tableflow.onboarding.testbed.aws.Fault AWS_UNAVAILABLE = dev.tableflow.onboarding.testbed.aws.Fault.status(503);
    static final dev.tableflow.onboarding.testbed.aws.Fault AWS_RESET = dev.tableflow.onboarding.testbed.aws.Fault.connectionReset();

    @Test
    void bootstrapAndOnboardingConvergeWithThirtyPercentOfCallsFailing() {
        long confluentFaults = 0;
        long awsFaults = 0;
        long stateRetries = 0;
        long confluentCalls = 0;
        long awsCalls = 0;
        for (int run = 0; run < RUNS; run++) {
            bed.reset();
            armFaults(run);

            ExecutionResult bootstrap = bed.bootstrap();
            assertThat(bootstrap.status()).as("run %d bootstrap: %s", run, bootstrap.cause()).isEqualTo("SUCCEEDED");
            ExecutionResult onboarding = bed.runStartedExecution(startOnboarding(run));
            assertThat(onboarding.status()).as("run %d onboarding: %s", run, onboarding.cause()).isEqualTo("SUCCEEDED");

            bed.confluent.faults().clear();
            List<AwsCall> calls = bed.aws.calls();
            bed.aws.reset();
            assertConverged(run);
            confluentFaults += bed.confluent.requests().all().stream().filter(r -> r.fault() != null).count();
            confluentCalls += bed.confluent.requests().all().size();
            awsFaults += calls.stream().filter(AwsCall::injected).count();
            awsCalls += calls.size();
            stateRetries += Stream.of(bootstrap, onboarding).mapToLong(r -> r.events("StateRetried").size()).sum();
        }
        System.out.printf("soak: %d runs, Confluent %d calls / %d faults injected, AWS %d calls / %d faults injected, %d state retries, "
                + "all converged%n", RUNS, confluentCalls, confluentFaults, awsCalls, awsFaults, stateRetries);
        assertThat((double) confluentFaults / confluentCalls).as("Confluent fault share").isBetween(0.2, 0.4);
        assertThat(awsFaults).as("AWS faults were injected").isPositive();
    }

    @Test
    void faultsOnEveryAttemptEndTheRunFailedWithTheCauseInsteadOfHanging() {
        bed.reset();
        bed.confluent.faults().rate(1.0, 7, Fault.status(503));

        ExecutionResult bootstrap = bed.bootstrap();

        assertThat(bootstrap.status()).isEqualTo("FAILED");
        assertThat(bootstrap.error()).isEqualTo("dev.tableflow.onboarding.errors.RetryableException");
        assertThat(bootstrap.cause()).contains("EnsureProviderIntegration").contains("503");
        assertThat(bootstrap.retries("EnsureProviderIntegration")).as("the state machine's retry budget, then it gives up").isEqualTo(6);
        bed.confluent.faults().clear();
    }

    /** Seeded per run, so a failing run can be replayed with the same faults. */
    private void armFaults(int run) {
        bed.confluent.faults().rate(FAULT_RATE, run, Fault.rateLimited(0), Fault.status(500),
                Fault.status(502), Fault.status(503), Fault.connectionReset());
        Random random = new Random(1000 + run);
        // Three kinds at a tenth each: about 30 % of AWS calls fail (400 is the throttling error).
        for (var fault : List.of(AWS_THROTTLING, AWS_UNAVAILABLE, AWS_RESET)) {
            bed.aws.inject(op -> random.nextDouble() < 0.1, Integer.MAX_VALUE, fault);
        }
    }

    /** The intake, retried as EventBridge retries an asynchronous invocation that failed. */
    private String startOnboarding(int run) {
        for (int attempt = 1; ; attempt++) {
            Invocation intake = bed.requestOnboarding(TOPIC2);
            if (!intake.failed()) {
                return intake.responseJson().path("executionName").asText();
            }
            assertThat(attempt).as("run %d intake: %s %s", run, intake.errorType(), intake.errorMessage()).isLessThan(EVENTBRIDGE_ATTEMPTS);
        }
    }

    /** One of everything, every key's secret stored and matching, no orphan key, the outcome published. */
    private void assertConverged(int run) {
        String cluster = bed.confluent.kafkaClusterId();
        assertThat(bed.confluent.providerIntegrations().list()).as("run %d provider integrations", run).hasSize(1);
        assertThat(bed.confluent.catalogIntegrations().list()).as("run %d catalog integrations", run).hasSize(1);
        assertThat(bed.confluent.roleBindings().list()).as("run %d role bindings", run).hasSize(1);
        assertThat(bed.confluent.kafka().topics(cluster)).as("run %d topics", run).hasSize(1);
        assertThat(bed.confluent.tableflowTopics().list()).as("run %d TableFlow topics", run).hasSize(1);
        for (String key : List.of("tableflow-api-key", "tableflow-topic-key", "schema-registry-key")) {
            List<JsonNode> named = bed.confluent.apiKeys().list().stream()
                    .filter(k -> k.path("spec").path("display_name").asText().equals(TestBed.ENVIRONMENT + "-" + key)).toList();
            assertThat(named).as("run %d: keys named %s (duplicates or orphans)", run, key).hasSize(1);
            JsonNode stored = TestBed.parse(bed.secretString(TestBed.SECRET_PREFIX + key));
            assertThat(stored.path("api_key").asText()).as("run %d: %s secret is for the live key", run, key).isEqualTo(named.get(0).path("id").asText());
            TestBed.assertSameSecret(stored.path("api_secret").asText(), bed.confluent.apiKeys().secretOf(named.get(0).path("id").asText()),
                    "run " + run + ": " + key + " secret");
        }
        List<JsonNode> events = bed.outcomeEvents();
        outcomes.addAll(events);
        assertThat(events).as("run %d outcome", run).extracting(e -> e.path("detail-type").asText()).contains("TopicOnboarded");
        bed.confluent.assertNoContractViolations();
        bed.aws.assertNoContractViolations();
        bed.assertNoSecretObservable(events, "run " + run);
    }
}
