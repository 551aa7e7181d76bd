package dev.tableflow.onboarding.observability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.Fault;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions' real output on the test bed, as CloudWatch Logs would receive it: every line of a step invocation is
 * a JSON log record carrying the execution id and the step, and each invocation ends with one embedded-metric
 * document, valid by CloudWatch's specification, with the step's duration, retries and outcome.
 */
class ObservabilityIT extends WorkflowTestBase {

    static final String RETRYABLE = "dev.tableflow.onboarding.errors.RetryableException";

    @BeforeEach
    void reset() {
        bed.reset();
    }

    @Test
    void bootstrapWithARetriedStepIsLoggedAndMeasuredPerInvocation() {
        // A read answered 503 is repeated in process; a create answered 503 fails the attempt and the state retries.
        bed.confluent.faults().next(1, Fault.status(503)).on("GET", "/pim/v1/integrations");
        bed.confluent.faults().next(1, Fault.status(503)).on("POST", "/pim/v1/integrations");

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.retries("EnsureProviderIntegration")).isEqualTo(1);
        Map<Invocation, JsonNode> metrics = observed(run);
        List<JsonNode> provider = metrics.entrySet().stream()
                .filter(e -> e.getKey().function().equals("EnsureProviderIntegrationFunction")).map(Map.Entry::getValue).toList();
        assertThat(provider).hasSize(2);
        assertThat(provider.get(0).path("Outcome").asText()).as("the failed attempt names its error type").isEqualTo(RETRYABLE);
        assertThat(provider.get(0).path("retryCount").asInt()).isZero();
        assertThat(provider.get(0).path("Retries").asInt()).as("the read repeated in process").isEqualTo(1);
        assertThat(provider.get(1).path("Outcome").asText()).isEqualTo("CREATED");
        assertThat(provider.get(1).path("retryCount").asInt()).isEqualTo(1);
        assertThat(provider.get(1).path("Retries").asInt()).as("the state's retry").isEqualTo(1);
        // Elsewhere only the state machine retried (the checks poll): Retries is 1 exactly on a retry.
        assertThat(metrics.values()).filteredOn(m -> !m.path("Step").asText().equals("EnsureProviderIntegration"))
                .allSatisfy(m -> assertThat(m.path("Retries").asInt()).isEqualTo(m.path("retryCount").asInt() > 0 ? 1 : 0));
    }

    @Test
    void onboardingStepsAndTheIntakeAreLoggedAndMeasuredAndAFailedTopicNamesItsErrorType() {
        assertThat(bed.bootstrap().succeeded()).isTrue();
        String cluster = bed.confluent.kafkaClusterId();
        bed.confluent.kafka().createTopic(cluster, "wide", 6);
        bed.confluent.faults().next(1, Fault.status(503)).on("POST", "/kafka/v3/clusters/" + cluster + "/topics");
        int before = bed.lambda.invocations().size();

        ExecutionResult run = bed.onboard("""
                {"topics":[{"name":"topic2"},{"name":"wide","partitions":3,"schema":{"name":"topic2-value"}}]}""");

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        Map<Invocation, JsonNode> metrics = observed(run);
        assertThat(metrics.values()).filteredOn(m -> m.path("Step").asText().equals("EnsureTopic"))
                .extracting(m -> m.path("Outcome").asText())
                .containsExactlyInAnyOrder(RETRYABLE, "CREATED", WorkflowTestBase.TERMINAL);
        assertThat(metrics.values()).filteredOn(m -> m.path("Step").asText().equals("EnsureTopic") && m.path("retryCount").asInt() == 1)
                .singleElement().satisfies(m -> assertThat(m.path("Retries").asInt()).isEqualTo(1));

        // The intake runs before the execution exists: its lines carry its request id instead.
        Invocation intake = bed.lambda.invocations().subList(before, bed.lambda.invocations().size()).stream()
                .filter(i -> i.function().equals("StartOnboardingFunction")).findFirst().orElseThrow();
        List<JsonNode> lines = lines(intake);
        assertThat(lines).filteredOn(line -> !EmfSpec.isEmf(line)).allSatisfy(line -> {
            assertThat(line.path("mdc").path("requestId").asText()).isEqualTo(intake.requestId());
            assertThat(line.path("mdc").path("step").asText()).isEqualTo("StartOnboarding");
        });
        JsonNode emf = single(lines.stream().filter(EmfSpec::isEmf).toList());
        assertThat(EmfSpec.violations(emf)).isEmpty();
        assertThat(emf.path("Outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(emf.has("executionId")).isFalse();
    }

    /**
     * The EMF documents of one invocation in its function's log. CloudWatch Logs receives a function's output apart
     * from its result, so the document may follow the result by a moment: it is looked for up to five seconds.
     */
    private List<JsonNode> emfOf(Invocation invocation) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            List<JsonNode> emf = bed.lambda.logs(invocation.function()).lines().filter(l -> l.startsWith("{"))
                    .map(EmfSpec::parseLine)
                    .filter(l -> EmfSpec.isEmf(l) && l.path("requestId").asText().equals(invocation.requestId())).toList();
            if (!emf.isEmpty() || System.nanoTime() > deadline) {
                return emf;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return emf;
            }
        }
    }

    /** The end of a function's log: when a runtime dies, its last lines and the test bed's EXIT line say why. */
    private String logTail(String function) {
        List<String> lines = bed.lambda.logs(function).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * Checks every invocation of the execution's Tasks (recognised by the execution id in their input) and returns
     * each one's metrics, in invocation order.
     */
    private Map<Invocation, JsonNode> observed(ExecutionResult run) {
        assertThat(run.executionArn()).startsWith("arn:aws:states:" + TestBed.REGION + ":" + TestBed.ACCOUNT + ":execution:");
        List<Invocation> invocations = bed.lambda.invocations().stream()
                .filter(i -> TestBed.parse(i.request()).path("invocation").path("executionId").asText().equals(run.executionArn()))
                .toList();
        long taskAttempts = run.events("StateEntered").stream().filter(e -> e.path("stateType").asText().equals("Task")).count()
                + run.events("StateRetried").size();
        assertThat(invocations).as("one invocation per Task attempt, each told the execution id").hasSize((int) taskAttempts);
        Map<String, Boolean> failed = invocations.stream().collect(Collectors.toMap(Invocation::requestId, Invocation::failed));
        Map<String, Set<String>> requestsByFunction = invocations.stream().collect(Collectors.groupingBy(Invocation::function,
                Collectors.mapping(Invocation::requestId, Collectors.toSet())));

        Map<Invocation, JsonNode> metrics = new LinkedHashMap<>();
        long records = 0;
        for (Invocation invocation : invocations) {
            String step = invocation.function().replaceFirst("Function$", "");
            List<JsonNode> lines = lines(invocation);
            records += lines.stream().filter(line -> line.has("mdc")).count();
            for (JsonNode line : lines.stream().filter(line -> !EmfSpec.isEmf(line)).toList()) {
                if (!line.has("mdc")) {
                    // Lambda's runtime reporting a failed invocation, in JSON as LoggingConfig asks: it knows only the request.
                    assertThat(line.path("level").asText()).as(line.toString()).isEqualTo("ERROR");
                    assertThat(failed.get(line.path("AWSRequestId").asText())).as(line.toString()).isTrue();
                    continue;
                }
                JsonNode mdc = line.path("mdc");
                assertThat(mdc.path("executionId").asText()).as(line.toString()).isEqualTo(run.executionArn());
                assertThat(mdc.path("step").asText()).as(line.toString()).isEqualTo(step);
                assertThat(requestsByFunction.get(invocation.function())).as(line.toString()).contains(mdc.path("requestId").asText());
                assertThat(line.path("message").isTextual()).isTrue();
            }
            List<JsonNode> emf = emfOf(invocation);
            assertThat(emf).as("one EMF document for %s %s (%s: %s); its log:%n%s", invocation.function(),
                    invocation.requestId(), invocation.failed() ? invocation.errorType() : "succeeded",
                    invocation.failed() ? invocation.errorMessage() : "", logTail(invocation.function())).hasSize(1);
            JsonNode document = emf.getFirst();
            assertThat(EmfSpec.violations(document)).as(document.toString()).isEmpty();
            assertThat(document.path("Environment").asText()).isEqualTo(TestBed.ENVIRONMENT);
            assertThat(document.path("Step").asText()).isEqualTo(step);
            assertThat(document.path("executionId").asText()).isEqualTo(run.executionArn());
            assertThat(document.path("Duration").asLong()).isNotNegative();
            assertThat(document.path("retryCount").asInt()).isEqualTo(TestBed.parse(invocation.request()).path("invocation").path("retryCount").asInt());
            if (invocation.failed()) {
                assertThat(lines).as("the failure, logged with the execution id").anyMatch(line -> line.path("level").asText().equals("WARN")
                        && line.path("mdc").path("executionId").asText().equals(run.executionArn())
                        && line.path("message").asText().startsWith(invocation.errorType() + ": " + step + ": "));
            }
            String expected = invocation.failed() ? invocation.errorType()
                    : invocation.responseJson().path("outcome").asText(EmbeddedMetrics.SUCCEEDED);
            assertThat(document.path("Outcome").asText()).as(step).isEqualTo(expected);
            metrics.put(invocation, document);
        }
        assertThat(records).as("log records of the steps (a check that passes may log nothing)").isPositive();
        return metrics;
    }

    /** Everything the function printed while serving the invocation; each line must be one JSON object. */
    private static List<JsonNode> lines(Invocation invocation) {
        return bed.lambda.output(invocation.requestId()).lines().map(EmfSpec::parseLine).toList();
    }
}
