package dev.tableflow.onboarding.functions;

import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.offboarding.AcceptOffboardingRequest;
import jakarta.inject.Named;

/**
 * Lambda entry point of the {@code AcceptOffboardingRequest} step, the offboarding's intake; template.yaml selects it with
 * {@code QUARKUS_LAMBDA_HANDLER}.
 */
@Observed
@Named(AcceptOffboardingRequest.STEP)
public class AcceptOffboardingRequestFunction extends RequestIntakeFunction {

    public AcceptOffboardingRequestFunction() {
        super(AcceptOffboardingRequest.INTAKE);
    }
}
