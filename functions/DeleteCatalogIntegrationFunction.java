package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.teardown.DeleteCatalogIntegration;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code DeleteCatalogIntegration} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(DeleteCatalogIntegration.STEP)
public class DeleteCatalogIntegrationFunction implements RequestHandler<DeleteCatalogIntegration.Input, DeleteCatalogIntegration.Output> {

    @Inject
    DeleteCatalogIntegration step;

    @Override
    public DeleteCatalogIntegration.Output handleRequest(DeleteCatalogIntegration.Input input, Context context) {
        return step.run(input);
    }
}
