package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.teardown.DeleteSchemaRegistryApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code DeleteSchemaRegistryApiKey} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(DeleteSchemaRegistryApiKey.STEP)
public class DeleteSchemaRegistryApiKeyFunction implements RequestHandler<DeleteSchemaRegistryApiKey.Input, DeleteSchemaRegistryApiKey.Output> {

    @Inject
    DeleteSchemaRegistryApiKey step;

    @Override
    public DeleteSchemaRegistryApiKey.Output handleRequest(DeleteSchemaRegistryApiKey.Input input, Context context) {
        return step.run(input);
    }
}
