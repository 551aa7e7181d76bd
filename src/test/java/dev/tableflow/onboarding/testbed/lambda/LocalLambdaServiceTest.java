package dev.tableflow.onboarding.testbed.lambda;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Lambda semantics of {@link LocalLambdaService} (queueing, warm reuse, errors, timeouts, crashes, init
 * failures), checked fast against a {@link FakeRuntime}. The real RIC and Quarkus run in {@link PackagedFunctionTest}.
 */
class LocalLambdaServiceTest {

    @TempDir
    static Path tmp;
    private static Path functionZip;
    private static Path fakeJavaHome;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocalLambdaService lambda;

    @BeforeAll
    static void fakeRuntime() {
        fakeJavaHome = FakeRuntime.javaHome(tmp);
        functionZip = FakeRuntime.functionZip(tmp);
    }

    @AfterEach
    void stop() {
        if (lambda != null) {
            lambda.close();
        }
    }

    @Test
    void invokeApiServesByNameAndByArnFromOneWarmInstance() throws Exception {
        start(1, function("Echo", Duration.ofSeconds(5)));

        HttpResponse<String> byName = post("Echo", "{\"n\":1}");
        HttpResponse<String> byArn = post(URLEncoder.encode(lambda.functionArn("Echo"), StandardCharsets.UTF_8),
                "{\"n\":2}");

        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(byName.body()).contains("\"echo\":{\"n\":1}", "\"arn\":\"" + lambda.functionArn("Echo") + "\"",
                "\"marker\":\"common\"");
        assertThat(byArn.body()).contains("\"echo\":{\"n\":2}");
        assertThat(byName.headers().firstValue("X-Amz-Function-Error")).isEmpty();
        assertThat(lambda.invocations()).extracting(Invocation::coldStart).containsExactly(true, false);
        assertThat(lambda.logs("Echo")).contains("handler EchoHandler", "handling {\"n\":1}")
                .containsOnlyOnce("INIT_START");
        // Lambda's REPORT Duration: the cold start's init is in the caller's time, not in the handler's.
        Invocation cold = lambda.invocations().getFirst();
        assertThat(cold.handled()).isNotNull().isLessThan(cold.duration());
    }

    @Test
    void eachInvocationsOutputIsWhatTheFunctionPrintedWhileServingIt() {
        // No periodic reads: what an invocation printed is read when it settles, before its caller has the result.
        lambda = builder(1, function("Echo", Duration.ofSeconds(5))).outputPoll(Duration.ofHours(1)).start();

        Invocation first = lambda.invoke("Echo", "{\"n\":1}");
        Invocation second = lambda.invoke("Echo", "{\"n\":2}");

        assertThat(lambda.output(first.requestId())).contains("handling {\"n\":1}")
                .doesNotContain("handling {\"n\":2}", "START RequestId");
        assertThat(lambda.output(second.requestId())).contains("handling {\"n\":2}").doesNotContain("handling {\"n\":1}");
        assertThat(lambda.output("no-such-request")).isEmpty();
    }

    @Test
    void functionErrorsReachTheCallerAsTheRuntimePostedThem() throws Exception {
        start(1, function("Echo", Duration.ofSeconds(5)));

        HttpResponse<String> response = post("Echo", "\"fail\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        assertThat(response.body()).isEqualTo("{\"errorMessage\":\"it failed\",\"errorType\":\"fake.StepException\","
                + "\"stackTrace\":[]}");
        assertThat(lambda.invocations().getFirst().errorType()).isEqualTo("fake.StepException");
    }

    @Test
    void unknownFunctionsAreResourceNotFound() throws Exception {
        start(1, function("Echo", Duration.ofSeconds(5)));

        HttpResponse<String> response = post("Nope", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
        assertThatThrownBy(() -> lambda.invoke("Nope", "{}")).hasMessageContaining("no function Nope");
    }

    @Test
    void aTimeoutFailsTheInvocationAndResetsTheSandbox() {
        start(1, function("Echo", Duration.ofSeconds(1)));

        Invocation timedOut = lambda.invoke("Echo", "\"sleep\"");
        Invocation next = lambda.invoke("Echo", "{}");

        assertThat(timedOut.errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(timedOut.errorMessage()).endsWith("Task timed out after 1.00 seconds");
        assertThat(next.failed()).isFalse();
        assertThat(next.coldStart()).isTrue();
    }

    @Test
    void aCrashIsARuntimeExitError() {
        start(1, function("Echo", Duration.ofSeconds(5)));

        Invocation crashed = lambda.invoke("Echo", "\"exit\"");

        assertThat(crashed.errorType()).isEqualTo("Runtime.ExitError");
        assertThat(crashed.errorMessage()).endsWith("Runtime exited with error: exit status 7");
        assertThat(lambda.invoke("Echo", "{}").coldStart()).isTrue();
    }

    @Test
    void aKilledRuntimeEndsItsInvocationAsLambdaReportsIt() throws Exception {
        start(1, function("Echo", Duration.ofSeconds(30)));
        CompletableFuture<Invocation> inFlight = CompletableFuture.supplyAsync(() -> lambda.invoke("Echo", "\"sleep\""));
        while (!lambda.logs("Echo").contains("handling \"sleep\"")) {
            Thread.sleep(20);
        }

        assertThat(lambda.kill("Echo")).isEqualTo(1);
        Invocation killed = inFlight.get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(killed.errorType()).isEqualTo("Runtime.ExitError");
        assertThat(killed.errorMessage()).endsWith("Runtime exited with error: signal: killed");
        Invocation next = lambda.invoke("Echo", "{}");
        assertThat(next.failed()).isFalse();
        assertThat(next.coldStart()).isTrue();
        assertThat(lambda.kill("Echo")).as("the fresh instance").isEqualTo(1);
    }

    @Test
    void anInitErrorFailsTheInvocationAndInitIsRetriedOnTheNext() {
        start(1, new FunctionSpec("Broken", "BrokenHandler", Duration.ofSeconds(5), 128, Map.of("FAKE_INIT", "fail"),
                Set.of()));

        List<Invocation> both = List.of(lambda.invoke("Broken", "{}"), lambda.invoke("Broken", "{}"));

        assertThat(both).extracting(Invocation::errorType).containsExactly("fake.InitException", "fake.InitException");
        assertThat(both).extracting(Invocation::handled).as("never handed to a handler").containsOnlyNulls();
        assertThat(lambda.logs("Broken").lines().filter(line -> line.startsWith("INIT_START"))).hasSize(2);
    }

    @Test
    void concurrentInvocationsScaleUpToTheLimitAndQueueBeyondIt() {
        start(2, function("Echo", Duration.ofSeconds(10)));

        List<Invocation> parallel = invokeInParallel("\"slow\"", 3);

        assertThat(parallel).noneMatch(Invocation::failed);
        assertThat(parallel.stream().map(i -> i.responseJson().path("pid").asLong()).distinct()).hasSize(2);
        assertThat(lambda.logs("Echo").lines().filter(line -> line.startsWith("INIT_START"))).hasSize(2);
    }

    @Test
    void intrinsicVariablesMustBeSuppliedByTheTestBed() {
        FunctionSpec needsSecret = new FunctionSpec("Step", "StepHandler", Duration.ofSeconds(3), 128, Map.of(),
                Set.of("TABLEFLOW_SECRET_ARN"));

        assertThatThrownBy(() -> LocalLambdaService.builder(functionZip).function(needsSecret).start())
                .hasMessageContaining("Step.TABLEFLOW_SECRET_ARN");
    }

    private void start(int maxInstances, FunctionSpec spec) {
        lambda = builder(maxInstances, spec).start();
    }

    private static LocalLambdaService.Builder builder(int maxInstances, FunctionSpec spec) {
        return LocalLambdaService.builder(functionZip)
                .function(spec)
                .environment("MARKER", "common")
                .maxInstancesPerFunction(maxInstances)
                .initTimeout(Duration.ofSeconds(10))
                .javaHome(fakeJavaHome);
    }

    private static FunctionSpec function(String name, Duration timeout) {
        return FunctionSpec.of(name, name + "Handler", timeout);
    }

    private List<Invocation> invokeInParallel(String payload, int count) {
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Invocation>> futures = IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> lambda.invoke("Echo", payload), callers))
                    .toList();
            return futures.stream().map(CompletableFuture::join).toList();
        }
    }

    private HttpResponse<String> post(String functionName, String payload) throws Exception {
        URI uri = lambda.endpoint().resolve("/2015-03-31/functions/" + functionName + "/invocations");
        return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
