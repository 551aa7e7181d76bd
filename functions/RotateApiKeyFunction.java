package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.rotation.RotateApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code RotateApiKey} rotation function, invoked by Secrets Manager; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(RotateApiKey.STEP)
public class RotateApiKeyFunction implements RequestHandler<RotateApiKey.Input, RotateApiKey.Output> {

    @Inject
    RotateApiKey step;

    @Override
    public RotateApiKey.Output handleRequest(RotateApiKey.Input input, Context context) {
        return step.run(input, context.getInvokedFunctionArn());
    }
}
