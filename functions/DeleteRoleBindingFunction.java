package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.teardown.DeleteRoleBinding;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the {@code DeleteRoleBinding} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}. */
@Observed
@Named(DeleteRoleBinding.STEP)
public class DeleteRoleBindingFunction implements RequestHandler<DeleteRoleBinding.Input, DeleteRoleBinding.Output> {

    @Inject
    DeleteRoleBinding step;

    @Override
    public DeleteRoleBinding.Output handleRequest(DeleteRoleBinding.Input input, Context context) {
        return step.run(input);
    }
}
