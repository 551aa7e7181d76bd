package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.bootstrap.EnsureRoleBinding;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code EnsureRoleBinding} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(EnsureRoleBinding.STEP)
public class EnsureRoleBindingFunction implements RequestHandler<EnsureRoleBinding.Input, EnsureRoleBinding.Output> {

    @Inject
    EnsureRoleBinding step;

    @Override
    public EnsureRoleBinding.Output handleRequest(EnsureRoleBinding.Input input, Context context) {
        return step.run(input);
    }
}
