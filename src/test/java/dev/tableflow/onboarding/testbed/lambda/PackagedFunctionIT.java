package dev.tableflow.onboarding.testbed.lambda;

import dev.tableflow.onboarding.build.FunctionZip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * with the reason in its log; the package step after Quarkus' build stored the library jars uncompressed; and the
 * template turns Lambda's Log4Shell patch off only for a package without Log4j core.
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

    /**
     * The template turns off the java21 runtime's Log4Shell hot patch for its cold start; that is safe only while no
     * Log4j core, the part with the vulnerable JNDI lookup, is packaged: as a jar of its own or shaded into another.
     */
    @Test
    void theLog4ShellPatchIsOffOnlyWhileNoLog4jCoreIsPackaged() throws IOException {
        var functions = SamTemplate.load(TEMPLATE).functions().values();
        assertThat(functions).allSatisfy(f -> assertThat(f.environment()).as(f.logicalId())
                .containsEntry("AWS_LAMBDA_DISABLE_CVE_2021_44228_PROTECTION", "true"));

        List<String> log4jCore = new ArrayList<>();
        try (ZipFile zip = new ZipFile(FUNCTION_ZIP.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (isLog4jCore(entry.getName())) {
                    log4jCore.add(entry.getName());
                } else if (entry.getName().endsWith(".jar")) {
                    try (ZipInputStream in = new ZipInputStream(zip.getInputStream(entry))) {
                        for (ZipEntry inner = in.getNextEntry(); inner != null; inner = in.getNextEntry()) {
                            if (isLog4jCore(inner.getName())) {
                                log4jCore.add(entry.getName() + "!/" + inner.getName());
                            }
                        }
                    }
                }
            }
        }
        assertThat(log4jCore).as("Log4j core in " + FUNCTION_ZIP + ": remove it or drop AWS_LAMBDA_DISABLE_CVE_2021_44228_PROTECTION").isEmpty();
    }

    private static boolean isLog4jCore(String entry) {
        return entry.contains("log4j-core") || entry.endsWith("/JndiLookup.class");
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
