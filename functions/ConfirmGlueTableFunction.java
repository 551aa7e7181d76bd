package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.ConfirmGlueTable;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code ConfirmGlueTable} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(ConfirmGlueTable.STEP)
public class ConfirmGlueTableFunction implements RequestHandler<ConfirmGlueTable.Input, ConfirmGlueTable.Output> {

    @Inject
    ConfirmGlueTable step;

    @Override
    public ConfirmGlueTable.Output handleRequest(ConfirmGlueTable.Input input, Context context) {
        return step.run(input);
    }
}
