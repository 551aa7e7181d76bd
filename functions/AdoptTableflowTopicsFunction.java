package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.bootstrap.AdoptTableflowTopics;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code AdoptTableflowTopics} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(AdoptTableflowTopics.STEP)
public class AdoptTableflowTopicsFunction implements RequestHandler<AdoptTableflowTopics.Input, AdoptTableflowTopics.Output> {

    @Inject
    AdoptTableflowTopics step;

    @Override
    public AdoptTableflowTopics.Output handleRequest(AdoptTableflowTopics.Input input, Context context) {
        return step.run(input);
    }
}
