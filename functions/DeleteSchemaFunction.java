package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.offboarding.DeleteSchema;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code DeleteSchema} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(DeleteSchema.STEP)
public class DeleteSchemaFunction implements RequestHandler<DeleteSchema.Input, DeleteSchema.Output> {

    @Inject
    DeleteSchema step;

    @Override
    public DeleteSchema.Output handleRequest(DeleteSchema.Input input, Context context) {
        return step.run(input);
    }
}
