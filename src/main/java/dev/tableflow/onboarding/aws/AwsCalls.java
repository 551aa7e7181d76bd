package dev.tableflow.onboarding.aws;

import dev.tableflow.onboarding.errors.RetryableException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.function.Supplier;

/**
 * Error policy for AWS calls. The SDK already retries throttling and 5xx with its standard mode; what is
 * still failing afterwards goes to the state machine as retryable, and everything else (access denied,
 * validation, a missing role) is terminal with AWS's message.
 */
public final class AwsCalls {

    private AwsCalls() {}

    public static <T> T call(StepContext context, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String cause = e.awsErrorDetails() == null
                    ? e.getMessage()
                    : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new RetryableException(context, "AWS " + cause, e);
            }
            throw new TerminalException(context, "AWS " + cause, e);
        } catch (SdkClientException e) {
            throw new RetryableException(context, "no answer from AWS: " + e.getMessage(), e);
        }
    }
}
