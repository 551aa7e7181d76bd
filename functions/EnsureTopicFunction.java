package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.EnsureTopic;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code EnsureTopic} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(EnsureTopic.STEP)
public class EnsureTopicFunction implements RequestHandler<EnsureTopic.Input, EnsureTopic.Output> {

    @Inject
    EnsureTopic step;

    @Override
    public EnsureTopic.Output handleRequest(EnsureTopic.Input input, Context context) {
        return step.run(input);
    }
}
