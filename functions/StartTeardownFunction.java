package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.teardown.StartTeardown;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code StartTeardown} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(StartTeardown.STEP)
public class StartTeardownFunction implements RequestHandler<StartTeardown.Input, StartTeardown.Output> {

    @Inject
    StartTeardown step;

    @Override
    public StartTeardown.Output handleRequest(StartTeardown.Input input, Context context) {
        return step.run(input);
    }
}
