package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.CheckTableflowTopic;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code CheckTableflowTopic} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(CheckTableflowTopic.STEP)
public class CheckTableflowTopicFunction implements RequestHandler<CheckTableflowTopic.Input, CheckTableflowTopic.Output> {

    @Inject
    CheckTableflowTopic step;

    @Override
    public CheckTableflowTopic.Output handleRequest(CheckTableflowTopic.Input input, Context context) {
        return step.run(input);
    }
}
