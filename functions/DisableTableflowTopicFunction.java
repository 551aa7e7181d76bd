package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.offboarding.DisableTableflowTopic;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code DisableTableflowTopic} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(DisableTableflowTopic.STEP)
public class DisableTableflowTopicFunction implements RequestHandler<DisableTableflowTopic.Input, DisableTableflowTopic.Output> {

    @Inject
    DisableTableflowTopic step;

    @Override
    public DisableTableflowTopic.Output handleRequest(DisableTableflowTopic.Input input, Context context) {
        return step.run(input);
    }
}
