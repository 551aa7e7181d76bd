package dev.tableflow.onboarding.testbed.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One Lambda function of the packaged app, as the template declares it.
 *
 * @param logicalId             the template's logical id; also the function name and the last part of its ARN
 * @param handler               the {@code @Named} handler selected with {@code QUARKUS_LAMBDA_HANDLER}
 * @param environment           the template's literal environment variables (Globals merged in)
 * @param unresolvedEnvironment variables whose template value is an intrinsic ({@code !Ref}, {@code !Sub}, ...):
 *                              the test bed must supply them, since only CloudFormation could resolve them
 */
public record FunctionSpec(String logicalId, String handler, Duration timeout, int memoryMb,
                           Map<String, String> environment, Set<String> unresolvedEnvironment) {

    /** SAM's defaults when neither the function nor Globals say otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_MEMORY_MB = 128;

    public FunctionSpec {
        environment = Map.copyOf(environment);
        unresolvedEnvironment = Set.copyOf(unresolvedEnvironment);
    }

    /** A function outside any template, e.g. to try a handler name. */
    public static FunctionSpec of(String logicalId, String handler, Duration timeout) {
        return new FunctionSpec(logicalId, handler, timeout, 512, Map.of(), Set.of());
    }
}
