package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.bootstrap.CheckCatalogIntegration;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code CheckCatalogIntegration} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(CheckCatalogIntegration.STEP)
public class CheckCatalogIntegrationFunction implements RequestHandler<CheckCatalogIntegration.Input, CheckCatalogIntegration.Output> {

    @Inject
    CheckCatalogIntegration step;

    @Override
    public CheckCatalogIntegration.Output handleRequest(CheckCatalogIntegration.Input input, Context context) {
        return step.run(input);
    }
}
