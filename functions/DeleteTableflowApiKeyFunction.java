package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.teardown.DeleteTableflowApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code DeleteTableflowApiKey} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(DeleteTableflowApiKey.STEP)
public class DeleteTableflowApiKeyFunction implements RequestHandler<DeleteTableflowApiKey.Input, DeleteTableflowApiKey.Output> {

    @Inject
    DeleteTableflowApiKey step;

    @Override
    public DeleteTableflowApiKey.Output handleRequest(DeleteTableflowApiKey.Input input, Context context) {
        return step.run(input);
    }
}
