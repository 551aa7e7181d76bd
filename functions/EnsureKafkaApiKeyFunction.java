package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.EnsureKafkaApiKey;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code EnsureKafkaApiKey} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(EnsureKafkaApiKey.STEP)
public class EnsureKafkaApiKeyFunction implements RequestHandler<EnsureKafkaApiKey.Input, EnsureKafkaApiKey.Output> {

    @Inject
    EnsureKafkaApiKey step;

    @Override
    public EnsureKafkaApiKey.Output handleRequest(EnsureKafkaApiKey.Input input, Context context) {
        return step.run(input);
    }
}
