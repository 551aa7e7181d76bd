package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.bootstrap.EnsureTrustPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code EnsureTrustPolicy} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(EnsureTrustPolicy.STEP)
public class EnsureTrustPolicyFunction implements RequestHandler<EnsureTrustPolicy.Input, EnsureTrustPolicy.Output> {

    @Inject
    EnsureTrustPolicy step;

    @Override
    public EnsureTrustPolicy.Output handleRequest(EnsureTrustPolicy.Input input, Context context) {
        return step.run(input);
    }
}
