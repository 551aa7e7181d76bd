package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.PublishOutcome;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code PublishOutcome} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(PublishOutcome.STEP)
public class PublishOutcomeFunction implements RequestHandler<PublishOutcome.Input, PublishOutcome.Output> {

    @Inject
    PublishOutcome step;

    @Override
    public PublishOutcome.Output handleRequest(PublishOutcome.Input input, Context context) {
        return step.run(input);
    }
}
