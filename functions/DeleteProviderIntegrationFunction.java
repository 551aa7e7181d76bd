package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.teardown.DeleteProviderIntegration;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code DeleteProviderIntegration} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(DeleteProviderIntegration.STEP)
public class DeleteProviderIntegrationFunction implements RequestHandler<DeleteProviderIntegration.Input, DeleteProviderIntegration.Output> {

    @Inject
    DeleteProviderIntegration step;

    @Override
    public DeleteProviderIntegration.Output handleRequest(DeleteProviderIntegration.Input input, Context context) {
        return step.run(input);
    }
}
