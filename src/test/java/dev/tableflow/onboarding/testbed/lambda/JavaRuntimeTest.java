package dev.tableflow.onboarding.testbed.lambda;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JavaRuntimeTest {

    /**
     * Left to itself, every function JVM's RIC rewrites {@code /tmp/.libaws-lambda-jni.so} as it starts, under any
     * JVM loading it at that moment: each must instead load one copy that nothing rewrites.
     */
    @Test
    void everyJvmLoadsOneUnpackedCopyOfTheRicNativeLibrary() throws Exception {
        JavaRuntime runtime = new JavaRuntime(Path.of(System.getProperty("java.home")));
        FunctionSpec spec = FunctionSpec.of("Echo", "echo", Duration.ofSeconds(3));
        List<String> first = runtime.processFor(Path.of("."), spec, Map.of(), "eu-west-1", "127.0.0.1:1").command();
        List<String> second = runtime.processFor(Path.of("."), spec, Map.of(), "eu-west-1", "127.0.0.1:2").command();

        String flag = "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=";
        String library = first.stream().filter(arg -> arg.startsWith(flag)).findFirst().orElseThrow().substring(flag.length());
        assertThat(second).contains(flag + library);
        assertThat(library).isNotEqualTo("/tmp/.libaws-lambda-jni.so");
        try (InputStream bundled = AWSLambda.class.getResourceAsStream("/jni/libaws-lambda-jni.linux-x86_64.so")) {
            assertThat(Files.readAllBytes(Path.of(library))).isEqualTo(bundled.readAllBytes());
        }
    }
}
