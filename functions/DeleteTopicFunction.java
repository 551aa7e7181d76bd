package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.offboarding.DeleteTopic;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code DeleteTopic} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(DeleteTopic.STEP)
public class DeleteTopicFunction implements RequestHandler<DeleteTopic.Input, DeleteTopic.Output> {

    @Inject
    DeleteTopic step;

    @Override
    public DeleteTopic.Output handleRequest(DeleteTopic.Input input, Context context) {
        return step.run(input);
    }
}
