package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.EnsureSchema;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code EnsureSchema} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(EnsureSchema.STEP)
public class EnsureSchemaFunction implements RequestHandler<EnsureSchema.Input, EnsureSchema.Output> {

    @Inject
    EnsureSchema step;

    @Override
    public EnsureSchema.Output handleRequest(EnsureSchema.Input input, Context context) {
        return step.run(input);
    }
}
