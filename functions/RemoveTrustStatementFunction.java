package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.teardown.RemoveTrustStatement;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code RemoveTrustStatement} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(RemoveTrustStatement.STEP)
public class RemoveTrustStatementFunction implements RequestHandler<RemoveTrustStatement.Input, RemoveTrustStatement.Output> {

    @Inject
    RemoveTrustStatement step;

    @Override
    public RemoveTrustStatement.Output handleRequest(RemoveTrustStatement.Input input, Context context) {
        return step.run(input);
    }
}
