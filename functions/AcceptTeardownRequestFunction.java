package dev.tableflow.onboarding.functions;

import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.teardown.AcceptTeardownRequest;
import jakarta.inject.Named;

/**
 * Lambda entry point of the {@code AcceptTeardownRequest} step, the teardown's intake; template.yaml selects it with
 * {@code QUARKUS_LAMBDA_HANDLER}.
 */
@Observed
@Named(AcceptTeardownRequest.STEP)
public class AcceptTeardownRequestFunction extends RequestIntakeFunction {

    public AcceptTeardownRequestFunction() {
        super(AcceptTeardownRequest.INTAKE);
    }
}
