package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.StartOnboarding;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code StartOnboarding} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(StartOnboarding.STEP)
public class StartOnboardingFunction implements RequestHandler<StartOnboarding.Input, StartOnboarding.Output> {

    @Inject
    StartOnboarding step;

    @Override
    public StartOnboarding.Output handleRequest(StartOnboarding.Input input, Context context) {
        return step.run(input);
    }
}
