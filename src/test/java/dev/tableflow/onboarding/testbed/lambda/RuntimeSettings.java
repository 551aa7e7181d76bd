package dev.tableflow.onboarding.testbed.lambda;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * What every function of one {@link LocalLambdaService} shares.
 *
 * @param environment variables given to every function, over the template's own
 * @param outputPoll  how often a JVM's output is read while it runs
 * @param echo        where to copy function output as it arrives, or null
 * @param recorder    told of each invocation as it settles, before its caller is
 */
record RuntimeSettings(Path taskRoot, JavaRuntime runtime, Map<String, String> environment, String region,
                       int maxInstancesPerFunction, Duration initTimeout, Duration outputPoll, ScheduledExecutorService scheduler,
                       ExecutorService executor, PrintStream echo, Consumer<Invocation> recorder) {

    static final String ACCOUNT_ID = "123456789012";

    String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + functionName;
    }
}
