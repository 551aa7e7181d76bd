package dev.tableflow.onboarding.testbed.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tableflow.onboarding.testbed.aws.AwsCall;
import dev.tableflow.onboarding.testbed.aws.AwsRecordingProxy;
import dev.tableflow.onboarding.testbed.aws.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ASL engine runs the fixture state machine (testbed-fixtures/template.yaml) against a stub Lambda Invoke API:
 * Retry on a named errorType, Catch into a Fail state, a Map with a retrying Task inside, and putEvents through the
 * AWS recording proxy to moto. The Retry intervals and the Wait are minutes long as written; the runner's
 * overrides make the test take seconds.
 */
class StateMachineRunnerTest {

    private static final Path FIXTURES = Path.of("src/test/resources/testbed-fixtures");
    private static final String NOT_READY = "dev.tableflow.onboarding.errors.NotReadyException";
    private static final String TERMINAL = "dev.tableflow.onboarding.errors.TerminalException";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MotoServer moto;
    private static AwsRecordingProxy aws;
    private static StubLambda lambda;

    @BeforeAll
    static void start() throws IOException {
        moto = MotoServer.start();
        aws = AwsRecordingProxy.start(moto.endpoint());
        lambda = new StubLambda();
    }

    @AfterAll
    static void stop() {
        // In reverse order of start; a failed start leaves later ones null.
        if (lambda != null) {
            lambda.close();
        }
        if (aws != null) {
            aws.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void retriesANamedErrorTypeUntilTheFunctionSucceeds() throws IOException {
        ByteArrayOutputStream steps = new ByteArrayOutputStream();

        ExecutionResult result = runner().echoTo(new PrintStream(steps, true, StandardCharsets.UTF_8))
                .run("OnboardingStateMachine", input("ok", 2, List.of(0, 1)));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.statesEntered()).containsExactly("Prepare", "Settle", "ByMode", "CheckReadiness",
                "PerPartition", "CheckPartition", "CheckPartition", "Announce", "Done");
        assertThat(result.errors("CheckReadiness")).containsExactly(NOT_READY, NOT_READY);
        assertThat(result.retries("CheckReadiness")).isEqualTo(2);
        assertThat(result.retries("CheckPartition")).isEqualTo(1); // a nested state's Retry is shortened too
        assertThat(result.output().path("readiness").path("source").asText()).isEqualTo("dev.tableflow.onboarding");
        assertThat(result.output().path("checked")).hasSize(2);
        assertThat(aws.calls()).extracting(AwsCall::toString).contains("events.PutEvents -> 200");
        // Not ready yet is polling, and reads so; the result is the caller's to print (the sandbox's table).
        assertThat(steps.toString(StandardCharsets.UTF_8))
                .contains("  waiting CheckReadiness: not ready yet (poll 2)", "  enter   [1] CheckPartition (Task)")
                .doesNotContain("failed  CheckReadiness", "retry   CheckReadiness", "SUCCEEDED");
    }

    @Test
    void exhaustedRetriesFailTheExecutionWithTheFunctionsErrorDocumentAsCause() throws IOException {
        ExecutionResult result = runner().run("OnboardingStateMachine", input("ok", 10, List.of()));

        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo(NOT_READY);
        assertThat(result.retries("CheckReadiness")).isEqualTo(3); // MaxAttempts
        JsonNode cause = JSON.readTree(result.cause());
        assertThat(cause.path("errorType").asText()).isEqualTo(NOT_READY);
        assertThat(cause.path("errorMessage").asText()).isEqualTo("not ready yet");
    }

    @Test
    void catchesATerminalErrorTypeIntoAFailState() throws IOException {
        ExecutionResult result = runner().run("OnboardingStateMachine", input("reject", 0, List.of()));

        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("OnboardingRejected");
        assertThat(JSON.readTree(result.cause()).path("errorType").asText()).isEqualTo(TERMINAL);
        assertThat(result.retries("RegisterTopic")).isZero(); // its Retry names only RetryableException
        assertThat(result.events("StateCaught")).singleElement()
                .satisfies(caught -> assertThat(caught.path("next").asText()).isEqualTo("Rejected"));
        assertThat(result.statesEntered()).endsWith("RegisterTopic", "Rejected");
    }

    @Test
    void anExecutionWhoseEventsOverflowAPipeBufferIsReadToTheEnd() {
        // Every event carries the 100 KB state: far more than the 64 KB a pipe holds when the engine exits.
        String large = "x".repeat(100 * 1024);
        String input = JSON.createObjectNode().put("topic", large).put("mode", "ok").put("notReadyTimes", 0)
                .set("partitions", JSON.createArrayNode()).toString();

        ExecutionResult result = runner().run("OnboardingStateMachine", input);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output().path("topic").asText()).hasSize(large.length());
        assertThat(result.statesEntered()).endsWith("Announce", "Done");
    }

    @Test
    void parametersSeeTheExecutionIdAndEachAttemptsRetryCount(@TempDir Path tmp) throws IOException {
        // The engine itself has no $$.State; the runner supplies it as Step Functions defines it.
        Files.writeString(tmp.resolve("probe.asl.json"), """
                {"StartAt": "Probe", "States": {"Probe": {"Type": "Task", "Resource": "${CheckReadinessFunctionArn}",
                  "Parameters": {"notReadyTimes": 9, "state.$": "$$.State.Name",
                                 "invocation": {"executionId.$": "$$.Execution.Id", "retryCount.$": "$$.State.RetryCount"}},
                  "Retry": [{"ErrorEquals": ["dev.tableflow.onboarding.errors.NotReadyException"], "MaxAttempts": 3}],
                  "End": true}}}
                """);
        Files.writeString(tmp.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  CheckReadinessFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment: {Variables: {QUARKUS_LAMBDA_HANDLER: CheckReadiness}}
                  ProbeStateMachine:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      DefinitionUri: probe.asl.json
                      DefinitionSubstitutions:
                        CheckReadinessFunctionArn: !GetAtt [CheckReadinessFunction, Arn]
                """);
        int before = lambda.payloads.size();

        ExecutionResult result = new StateMachineRunner(Path.of("."), tmp.resolve("template.yaml"), lambda.endpoint())
                .timeout(Duration.ofSeconds(60)).run("ProbeStateMachine", "{}");

        assertThat(result.error()).isEqualTo(NOT_READY);
        assertThat(result.executionArn()).startsWith("arn:aws:states:us-east-1:123456789012:execution:ProbeStateMachine:");
        List<JsonNode> attempts = lambda.payloads.subList(before, lambda.payloads.size()).stream().map(StateMachineRunnerTest::json).toList();
        assertThat(attempts).extracting(a -> a.path("invocation").path("retryCount").asInt()).containsExactly(0, 1, 2, 3);
        assertThat(attempts).allSatisfy(a -> {
            assertThat(a.path("invocation").path("executionId").asText()).isEqualTo(result.executionArn());
            assertThat(a.path("state").asText()).isEqualTo("Probe");
        });
    }

    @Test
    void substitutionsOnlyCloudFormationKnowsMustBeGiven() {
        StateMachineRunner withoutBus = new StateMachineRunner(Path.of("."), FIXTURES.resolve("template.yaml"),
                lambda.endpoint());

        assertThatThrownBy(() -> withoutBus.run("OnboardingStateMachine", "{}"))
                .hasMessageContaining("--substitution")
                .hasMessageContaining("EventBusName");
    }

    @Test
    void validatesDefinitionsWithPlaceholders(@TempDir Path tmp) throws IOException {
        Path broken = tmp.resolve("broken.asl.json");
        Files.writeString(broken, """
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${AFunctionArn}", "Next": "Nowhere"}}}
                """);

        assertThat(runner().validate(FIXTURES.resolve("statemachine/onboarding.asl.json"))).isEmpty();
        assertThat(runner().validate(broken)).isNotEmpty().anySatisfy(p -> assertThat(p).contains("Nowhere"));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StateMachineRunner runner() {
        return new StateMachineRunner(Path.of("."), FIXTURES.resolve("template.yaml"), lambda.endpoint())
                .awsEndpoint(aws.endpoint())
                .substitution("EventBusName", "default")
                .timeout(Duration.ofSeconds(60));
    }

    /** {@code notReadyTimes} tells the stub how often to answer NotReady before succeeding, per distinct payload. */
    private static String input(String mode, int notReadyTimes, List<Integer> partitions) {
        return JSON.createObjectNode()
                .put("topic", "orders").put("mode", mode).put("notReadyTimes", notReadyTimes)
                .set("partitions", JSON.valueToTree(partitions.stream()
                        .map(p -> Map.of("partition", p, "notReadyTimes", p)).toList()))
                .toString();
    }

    /**
     * A Lambda Invoke API with scripted functions: CheckReadinessFunction fails with NotReadyException the first
     * {@code notReadyTimes} times it sees a payload, then echoes it; RegisterTopicFunction always fails terminally.
     */
    private static final class StubLambda implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, Integer> calls = new ConcurrentHashMap<>();
        /** Every payload received, in order. */
        final List<String> payloads = new CopyOnWriteArrayList<>();

        StubLambda() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/2015-03-31/functions/", this::invoke);
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void invoke(HttpExchange exchange) throws IOException {
            try (exchange) {
                String arn = exchange.getRequestURI().getPath().split("/")[3]; // /2015-03-31/functions/{arn}/...
                String function = arn.substring(arn.lastIndexOf(':') + 1);
                String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                payloads.add(payload);
                int seen = calls.merge(function + payload, 1, Integer::sum);
                String body = payload;
                if (function.equals("RegisterTopicFunction")) {
                    body = error(exchange, TERMINAL, "topic orders is owned by another workload");
                } else if (seen <= JSON.readTree(payload).path("notReadyTimes").asInt()) {
                    body = error(exchange, NOT_READY, "not ready yet");
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }

        private static String error(HttpExchange exchange, String type, String message) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            return JSON.createObjectNode().put("errorMessage", message).put("errorType", type)
                    .set("stackTrace", JSON.createArrayNode().add("Step.handleRequest(Step.java:1)")).toString();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
