package dev.tableflow.onboarding.aws;

import dev.tableflow.onboarding.errors.RetryableException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.http.NoAnswerException;

import java.util.function.Supplier;

/**
 * Error policy for AWS calls. {@link AwsApi} already repeats throttling, server errors and lost connections as the
 * SDK's standard mode does; what is still failing afterwards goes to the state machine as retryable, and everything
 * else (access denied, validation, a missing role) is terminal with AWS's message.
 */
public final class AwsCalls {

    private AwsCalls() {}

    public static <T> T call(StepContext context, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsApiException e) {
            if (e.retryable()) {
                throw new RetryableException(context, "AWS " + e.describe(), e);
            }
            throw new TerminalException(context, "AWS " + e.describe(), e);
        } catch (NoAnswerException e) {
            throw new RetryableException(context, "no answer from AWS: " + e.getMessage(), e);
        }
    }
}
