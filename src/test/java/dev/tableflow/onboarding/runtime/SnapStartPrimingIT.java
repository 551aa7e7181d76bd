package dev.tableflow.onboarding.runtime;

import dev.tableflow.onboarding.steps.onboarding.StartOnboarding;
import dev.tableflow.onboarding.testbed.lambda.FunctionSpec;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SnapStart priming runs only before a snapshot, which no JVM here can take; a failure there would fail the
 * publication of every version in AWS. This runs it at start-up instead, in a packaged function, and checks that it
 * primes what it should and that the function still answers afterwards.
 */
class SnapStartPrimingIT {

    private static final Path FUNCTION_ZIP = Path.of(System.getProperty("testbed.functionZip", "target/function.zip"));
    private static final Pattern PRIMED = Pattern.compile(
            "SnapStart priming: (\\d+) classes, (\\d+) clients, (\\d+) JSON mappings, (\\d+) loopback round trips");

    @Test
    void primesClassesClientsJsonMappingsAndRoundTripsOfflineAndTheFunctionStillAnswers() throws IOException {
        // Every endpoint the function is given points here, never at AWS or Confluent; the priming's round trips go to
        // a server of its own, and the invocation is refused before any call, so nothing may connect here at all.
        try (ServerSocket endpoints = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread.ofPlatform().daemon().start(() -> {
                while (!endpoints.isClosed()) {
                    try (Socket ignored = endpoints.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            primeAndInvoke("http://127.0.0.1:" + endpoints.getLocalPort());
            assertThat(connections).as("connections to the configured AWS and Confluent endpoints").hasValue(0);
        }
    }

    private static void primeAndInvoke(String nowhere) {
        Map<String, String> configured = Map.of("TABLEFLOW_ENVIRONMENT_NAME", "dev", "TABLEFLOW_CONFLUENT_ENVIRONMENT_ID", "env-1",
                "TABLEFLOW_KAFKA_CLUSTER_ID", "lkc-1", "TABLEFLOW_SERVICE_ACCOUNT_ID", "sa-1",
                "TABLEFLOW_CUSTOMER_ROLE_ARN", "arn:aws:iam::123456789012:role/r", "TABLEFLOW_CLOUD_API_KEY_SECRET", "cloud",
                "TABLEFLOW_SECRET_PREFIX", "tableflow-onboarding/dev/", "TABLEFLOW_BUCKET_NAME", "bucket",
                "TABLEFLOW_ONBOARDING_STATE_MACHINE_ARN", "arn:aws:states:us-east-1:123456789012:stateMachine:Onboarding",
                "TABLEFLOW_CONFLUENT_URL", nowhere);
        try (LocalLambdaService lambda = LocalLambdaService.builder(FUNCTION_ZIP)
                .function(new FunctionSpec("Primed", "StartOnboarding", Duration.ofSeconds(30), 512, configured, Set.of()))
                .environment(Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "AWS_ENDPOINT_URL", nowhere,
                        "JAVA_TOOL_OPTIONS", "-Druntime.prime-at-startup=true"))
                .start()) {
            // Refused by validation before any AWS call: the answer shows the primed function works, offline.
            Invocation invocation = lambda.invoke("Primed", "{\"id\":\"1\",\"detail-type\":\"TopicOnboardingRequested\",\"detail\":{\"topics\":[]}}");

            assertThat(invocation.errorType()).isEqualTo("dev.tableflow.onboarding.errors.InvalidInputException");
            String log = lambda.logs("Primed");
            Matcher primed = PRIMED.matcher(log);
            assertThat(primed.find()).as("the priming's report in\n" + log).isTrue();
            assertThat(Integer.parseInt(primed.group(1))).as("classes").isGreaterThan(100);
            assertThat(Integer.parseInt(primed.group(2))).as("AWS and Confluent clients").isEqualTo(1 + 7); // AwsApi; the six Confluent API clients (Metrics included) and EndpointClients
            assertThat(Integer.parseInt(primed.group(3))).as("JSON mappings").isGreaterThan(20);
            // AWS's JSON and Query protocols and a Confluent call, each answered by the priming's own loopback server.
            assertThat(Integer.parseInt(primed.group(4))).as("loopback round trips").isEqualTo(3);
            // The package logs JSON: no warning of the priming's ("priming: cannot read", "… is missing").
            assertThat(log.lines().filter(line -> line.contains("priming: ") && line.contains("\"WARN\""))).isEmpty();
            assertThat(log).contains("\"level\":\"INFO\"").doesNotContain("priming: cannot");
        }
    }
}
