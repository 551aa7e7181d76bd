package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.EnsureSchemaRegistryApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code EnsureSchemaRegistryApiKey} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(EnsureSchemaRegistryApiKey.STEP)
public class EnsureSchemaRegistryApiKeyFunction implements RequestHandler<EnsureSchemaRegistryApiKey.Input, EnsureSchemaRegistryApiKey.Output> {

    @Inject
    EnsureSchemaRegistryApiKey step;

    @Override
    public EnsureSchemaRegistryApiKey.Output handleRequest(EnsureSchemaRegistryApiKey.Input input, Context context) {
        return step.run(input);
    }
}
