package dev.tableflow.onboarding.testbed.lambda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real {@code target/function.zip} started by AWS's Runtime Interface Client, with Quarkus booting inside.
 * Needs {@code mvn package} first ({@code -Dtestbed.functionZip=...} points it at another build). The handlers are
 * whatever the package holds, so the assertions are about the Lambda round trip, not about any one step.
 */
class PackagedFunctionIT {

    private static final Path FUNCTION_ZIP = Path.of(System.getProperty("testbed.functionZip", "target/function.zip"));
    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final Map<String, String> CREDENTIALS =
            Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");

    private static Map<String, String> handlers;
    private static LocalLambdaService lambda;

    @BeforeAll
    static void start() {
        if (!Files.isRegularFile(FUNCTION_ZIP)) {
            return; // each test reports the skip: surefire drops the reason of a class-level assumption
        }
        try (PackagedApp app = PackagedApp.unzip(FUNCTION_ZIP)) {
            handlers = app.handlers();
        }
        LocalLambdaService.Builder builder = LocalLambdaService.builder(FUNCTION_ZIP)
                .function(FunctionSpec.of("Unknown", "NoSuchHandler", Duration.ofSeconds(30)))
                .environment(CREDENTIALS);
        handlers.keySet().stream().findFirst()
                .ifPresent(name -> builder.function(FunctionSpec.of("Probe", name, Duration.ofSeconds(30))));
        lambda = builder.start();
    }

    @AfterAll
    static void stop() {
        if (lambda != null) {
            lambda.close();
        }
    }

    @Test
    void aPackagedHandlerAnswersTheInvokeApiColdThenWarm() throws Exception {
        assumePackaged();
        assumeTrue(!handlers.isEmpty(), "function.zip has no @Named handler yet");
        URI invoke = lambda.endpoint().resolve("/2015-03-31/functions/"
                + URLEncoder.encode(lambda.functionArn("Probe"), StandardCharsets.UTF_8) + "/invocations");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> cold = http.send(HttpRequest.newBuilder(invoke)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> warm = http.send(HttpRequest.newBuilder(invoke)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(cold.statusCode()).isEqualTo(200);
            assertThat(lambda.invocations()).extracting(Invocation::coldStart).containsExactly(true, false);
            Invocation first = lambda.invocations().getFirst();
            assertThat(cold.body()).isEqualTo(first.response()).isEqualTo(warm.body());
            assertThat(cold.headers().firstValue("X-Amz-Function-Error").isPresent()).isEqualTo(first.failed());
            if (first.failed()) { // a handler may well refuse "{}": the RIC then reports the Java exception
                assertThat(first.errorType()).matches("[a-z][\\w.]*\\.[A-Z][\\w$]*");
                assertThat(first.responseJson().path("stackTrace").isArray()).isTrue();
            }
            assertThat(lambda.logs("Probe")).contains("started in", "START RequestId: " + first.requestId());
        }
    }

    @Test
    void anUnknownHandlerNameFailsQuarkusInit() {
        assumePackaged();
        // With a single handler, Quarkus binds it at build time and QUARKUS_LAMBDA_HANDLER is never read.
        assumeTrue(handlers.size() > 1, "needs two or more @Named handlers; the package has " + handlers.keySet());

        Invocation invocation = lambda.invoke("Unknown", "{}");

        assertThat(invocation.errorType()).isEqualTo("java.lang.RuntimeException");
        assertThat(invocation.errorMessage()).isEqualTo("Quarkus manual initialization failed");
        assertThat(lambda.logs("Unknown")).contains("Unable to find handler class with name NoSuchHandler");
    }

    @Test
    void everyHandlerTheTemplateNamesIsPackaged() {
        assumePackaged();
        assumeTrue(Files.isRegularFile(TEMPLATE), "no template.yaml yet");

        assertThat(SamTemplate.load(TEMPLATE).functions().values())
                .allSatisfy(function -> assertThat(handlers)
                        .as("@Named handlers in " + FUNCTION_ZIP + ", for " + function.logicalId())
                        .containsKey(function.handler()));
    }

    private static void assumePackaged() {
        assumeTrue(lambda != null,
                FUNCTION_ZIP + " does not exist: run `mvn package` before these tests (they run the packaged app)");
        assumeTrue(newestMainSource().compareTo(lastModified(FUNCTION_ZIP)) <= 0,
                FUNCTION_ZIP + " is older than src/main: run `mvn package` so these tests see the current code");
    }

    private static FileTime newestMainSource() {
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            return files.filter(Files::isRegularFile).map(PackagedFunctionIT::lastModified)
                    .max(Comparator.naturalOrder()).orElse(FileTime.fromMillis(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
