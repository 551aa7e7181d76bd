package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.bootstrap.EnsureTableflowApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code EnsureTableflowApiKey} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(EnsureTableflowApiKey.STEP)
public class EnsureTableflowApiKeyFunction implements RequestHandler<EnsureTableflowApiKey.Input, EnsureTableflowApiKey.Output> {

    @Inject
    EnsureTableflowApiKey step;

    @Override
    public EnsureTableflowApiKey.Output handleRequest(EnsureTableflowApiKey.Input input, Context context) {
        return step.run(input);
    }
}
