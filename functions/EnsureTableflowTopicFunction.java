package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.EnsureTableflowTopic;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code EnsureTableflowTopic} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(EnsureTableflowTopic.STEP)
public class EnsureTableflowTopicFunction implements RequestHandler<EnsureTableflowTopic.Input, EnsureTableflowTopic.Output> {

    @Inject
    EnsureTableflowTopic step;

    @Override
    public EnsureTableflowTopic.Output handleRequest(EnsureTableflowTopic.Input input, Context context) {
        return step.run(input);
    }
}
