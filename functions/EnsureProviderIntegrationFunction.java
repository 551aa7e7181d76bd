package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.bootstrap.EnsureProviderIntegration;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code EnsureProviderIntegration} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(EnsureProviderIntegration.STEP)
public class EnsureProviderIntegrationFunction implements RequestHandler<EnsureProviderIntegration.Input, EnsureProviderIntegration.Output> {

    @Inject
    EnsureProviderIntegration step;

    @Override
    public EnsureProviderIntegration.Output handleRequest(EnsureProviderIntegration.Input input, Context context) {
        return step.run(input);
    }
}
