package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.CheckKafkaApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code CheckKafkaApiKey} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(CheckKafkaApiKey.STEP)
public class CheckKafkaApiKeyFunction implements RequestHandler<CheckKafkaApiKey.Input, CheckKafkaApiKey.Output> {

    @Inject
    CheckKafkaApiKey step;

    @Override
    public CheckKafkaApiKey.Output handleRequest(CheckKafkaApiKey.Input input, Context context) {
        return step.run(input);
    }
}
