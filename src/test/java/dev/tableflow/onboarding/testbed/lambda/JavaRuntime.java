package dev.tableflow.onboarding.testbed.lambda;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts a function the way Lambda's managed {@code java21} runtime does: the Runtime Interface Client (RIC) and
 * its two libraries on the system classpath, the JVM flags of the runtime's bootstrap script, the working directory
 * at the task root. The RIC then loads the app from {@code user.dir} and {@code user.dir/lib/*.jar} in its own
 * {@code CustomerClassLoader}, exactly as in Lambda, so classloading surprises show up here rather than in AWS.
 */
final class JavaRuntime {

    /** The handler every function of the app declares; {@code QUARKUS_LAMBDA_HANDLER} picks the real one. */
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private final Path java;
    private final List<String> jvmFlags;
    private final String classpath = Stream.of(AWSLambda.class, com.amazonaws.services.lambda.runtime.Context.class,
                    com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class)
            .map(JavaRuntime::jarOf)
            .distinct()
            .collect(Collectors.joining(File.pathSeparator));

    JavaRuntime(Path javaHome) {
        this.java = javaHome.resolve("bin").resolve("java");
        this.jvmFlags = new ArrayList<>(jvmFlags(javaHome));
        this.jvmFlags.add("-D" + JNI_PROPERTY + "=" + unpackJni());
    }

    /**
     * The RIC's JniHelper copies its native library to the fixed path {@code /tmp/.libaws-lambda-jni.so} on every
     * start, then loads it. In Lambda each sandbox has its own {@code /tmp}; here every function JVM shares one, so a
     * JVM starting while another is loading the library rewrites the file under it and that one dies before its first
     * {@code /next} (a {@code Runtime.ExitError} that only shows under load). The RIC reads the library's path from
     * {@link #JNI_PROPERTY} when set, so it is unpacked once, here, and never rewritten.
     */
    private static String unpackJni() {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        String name = "libaws-lambda-jni.linux-" + arch + ".so";
        try (InputStream library = AWSLambda.class.getResourceAsStream("/jni/" + name)) {
            if (library == null) {
                throw new IllegalStateException("the RIC jar has no /jni/" + name);
            }
            Path unpacked = Files.createTempFile("libaws-lambda-jni", ".so");
            unpacked.toFile().deleteOnExit();
            Files.copy(library, unpacked, StandardCopyOption.REPLACE_EXISTING);
            return unpacked.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the RIC's native library", e);
        }
    }

    /**
     * @param environment the template's and the test bed's variables; Lambda's reserved ones are added around them
     * @param runtimeApi  host:port of this instance's Runtime API
     */
    ProcessBuilder processFor(Path taskRoot, FunctionSpec spec, Map<String, String> environment, String region,
                              String runtimeApi) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-XX:MaxHeapSize=" + (spec.memoryMb() * 85 / 100) + "m");
        command.addAll(jvmFlags);
        command.addAll(List.of("-classpath", classpath, AWSLambda.class.getName(), HANDLER));
        ProcessBuilder process = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = process.environment();
        env.clear(); // a Lambda sandbox inherits nothing from the host, in particular no credentials
        env.putAll(reservedVariables(spec, region, taskRoot));
        env.putAll(spec.environment());
        env.putAll(environment);
        env.put(SamTemplate.HANDLER_VARIABLE, spec.handler());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        return process;
    }

    private Map<String, String> reservedVariables(FunctionSpec spec, String region, Path taskRoot) {
        String name = spec.logicalId();
        Path missing = taskRoot.resolve(".no-aws-config"); // keeps the SDKs away from the host's ~/.aws
        return Map.ofEntries(
                Map.entry("PATH", "/usr/local/bin:/usr/bin:/bin"),
                Map.entry("LANG", "en_US.UTF-8"),
                Map.entry("TZ", ":UTC"),
                Map.entry("_HANDLER", HANDLER),
                Map.entry("LAMBDA_TASK_ROOT", taskRoot.toString()),
                Map.entry("LAMBDA_RUNTIME_DIR", java.getParent().getParent().toString()),
                Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"),
                Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", name),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(spec.memoryMb())),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + UUID.randomUUID()),
                Map.entry("AWS_REGION", region),
                Map.entry("AWS_DEFAULT_REGION", region),
                Map.entry("AWS_CONFIG_FILE", missing.toString()),
                Map.entry("AWS_SHARED_CREDENTIALS_FILE", missing.toString()),
                Map.entry("AWS_EC2_METADATA_DISABLED", "true"));
    }

    /**
     * The flags of Lambda's java21 bootstrap. These machines only have a newer JDK; from 24 on, jboss-threads
     * (under Quarkus' executor) needs java.lang opened or its worker threads die with IllegalAccessError, a failure
     * Lambda's Java 21 never shows, so the flag is added only there.
     */
    private static List<String> jvmFlags(Path javaHome) {
        List<String> flags = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Djava.net.preferIPv4Stack=true"));
        if (featureVersion(javaHome) >= 24) {
            flags.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        }
        return flags;
    }

    /** From the JDK's {@code release} file ({@code JAVA_VERSION="25.0.1"}); assumes the test JVM's if unreadable. */
    private static int featureVersion(Path javaHome) {
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : Runtime.version().feature();
        } catch (IOException e) {
            return Runtime.version().feature();
        }
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type, e);
        }
    }
}
