package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.teardown.DeleteKafkaApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code DeleteKafkaApiKey} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(DeleteKafkaApiKey.STEP)
public class DeleteKafkaApiKeyFunction implements RequestHandler<DeleteKafkaApiKey.Input, DeleteKafkaApiKey.Output> {

    @Inject
    DeleteKafkaApiKey step;

    @Override
    public DeleteKafkaApiKey.Output handleRequest(DeleteKafkaApiKey.Input input, Context context) {
        return step.run(input);
    }
}
