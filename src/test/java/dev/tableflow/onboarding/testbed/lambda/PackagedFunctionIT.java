package dev.tableflow.onboarding.testbed.lambda;

import dev.tableflow.onboarding.build.FunctionZip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code target/function.zip} (failsafe runs after {@code package}) against template.yaml: every function
 * the template declares finds its {@code @Named} handler in the one deployable, no handler is left unused, and a
 * function deployed with a wrong handler name or without its configuration stops at init, as it would in Lambda,
 * with the reason in its log; and the package step after Quarkus' build stored the library jars uncompressed.
 */
class PackagedFunctionIT {

    private static final Path FUNCTION_ZIP = Path.of(System.getProperty("testbed.functionZip", "target/function.zip"));
    private static final Path TEMPLATE = Path.of("template.yaml");

    private static Map<String, String> handlers;
    private static LocalLambdaService lambda;

    @BeforeAll
    static void start() {
        assertThat(FUNCTION_ZIP).as("run mvn package first").isRegularFile();
        try (PackagedApp app = PackagedApp.unzip(FUNCTION_ZIP)) {
            handlers = app.handlers();
        }
        Map<String, String> configured = Map.of("TABLEFLOW_ENVIRONMENT_NAME", "dev", "TABLEFLOW_CONFLUENT_ENVIRONMENT_ID", "env-1",
                "TABLEFLOW_KAFKA_CLUSTER_ID", "lkc-1", "TABLEFLOW_SERVICE_ACCOUNT_ID", "sa-1",
                "TABLEFLOW_CUSTOMER_ROLE_ARN", "arn:aws:iam::123456789012:role/r", "TABLEFLOW_CLOUD_API_KEY_SECRET", "cloud",
                "TABLEFLOW_SECRET_PREFIX", "tableflow-onboarding/dev/", "TABLEFLOW_BUCKET_NAME", "bucket");
        lambda = LocalLambdaService.builder(FUNCTION_ZIP)
                .function(new FunctionSpec("Unknown", "NoSuchHandler", Duration.ofSeconds(30), 512, configured, java.util.Set.of()))
                .function(FunctionSpec.of("Unconfigured", "EnsureProviderIntegration", Duration.ofSeconds(30)))
                .environment(Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (lambda != null) {
            lambda.close();
        }
    }

    @Test
    void everyTemplateFunctionHasItsHandlerAndEveryHandlerAFunction() {
        assertThat(Files.isRegularFile(TEMPLATE)).isTrue();
        var declared = SamTemplate.load(TEMPLATE).functions().values().stream().map(FunctionSpec::handler).collect(Collectors.toSet());

        assertThat(handlers.keySet()).as("@Named handlers in " + FUNCTION_ZIP).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void theLibraryJarsAreStoredUncompressedForTheColdStart() throws IOException {
        try (ZipFile zip = new ZipFile(FUNCTION_ZIP.toFile())) {
            List<String> jars = zip.stream().map(ZipEntry::getName).filter(FunctionZip::isLibraryJar).toList();
            assertThat(jars).as("lib/ of " + FUNCTION_ZIP).hasSizeGreaterThan(10);
            for (String jar : jars) {
                try (ZipInputStream in = new ZipInputStream(zip.getInputStream(zip.getEntry(jar)))) {
                    for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                        assertThat(entry.getMethod()).as(jar + "!/" + entry.getName() + " (pom.xml's function-zip step)")
                                .isEqualTo(ZipEntry.STORED);
                    }
                }
            }
        }
    }

    @Test
    void anUnknownHandlerNameFailsQuarkusInit() {
        Invocation invocation = lambda.invoke("Unknown", "{}");

        assertThat(invocation.errorType()).isEqualTo("java.lang.RuntimeException");
        assertThat(invocation.errorMessage()).isEqualTo("Quarkus manual initialization failed");
        assertThat(lambda.logs("Unknown")).contains("Unable to find handler class with name NoSuchHandler");
    }

    @Test
    void aFunctionWithoutItsConfigurationFailsInitNamingWhatIsMissing() {
        Invocation invocation = lambda.invoke("Unconfigured", "{}");

        assertThat(invocation.errorMessage()).isEqualTo("Quarkus manual initialization failed");
        assertThat(lambda.logs("Unconfigured")).contains("tableflow.customer-role-arn is required", "tableflow.bucket-name is required");
    }
}
