package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.bootstrap.CheckTableflowApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code CheckTableflowApiKey} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(CheckTableflowApiKey.STEP)
public class CheckTableflowApiKeyFunction implements RequestHandler<CheckTableflowApiKey.Input, CheckTableflowApiKey.Output> {

    @Inject
    CheckTableflowApiKey step;

    @Override
    public CheckTableflowApiKey.Output handleRequest(CheckTableflowApiKey.Input input, Context context) {
        return step.run(input);
    }
}
