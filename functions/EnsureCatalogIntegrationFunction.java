package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.bootstrap.EnsureCatalogIntegration;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code EnsureCatalogIntegration} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(EnsureCatalogIntegration.STEP)
public class EnsureCatalogIntegrationFunction implements RequestHandler<EnsureCatalogIntegration.Input, EnsureCatalogIntegration.Output> {

    @Inject
    EnsureCatalogIntegration step;

    @Override
    public EnsureCatalogIntegration.Output handleRequest(EnsureCatalogIntegration.Input input, Context context) {
        return step.run(input);
    }
}
