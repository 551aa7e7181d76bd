package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.steps.RequestIntake;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What the entry points of the intakes that name an execution after its event have in common: they take the event as
 * bytes, as StartOnboardingFunction does, to answer every refused request on the bus ({@link RequestIntake}).
 */
abstract class RequestIntakeFunction implements RequestStreamHandler {

    @Inject
    RequestIntake intake;

    @Inject
    ObjectMapper json;

    private final RequestIntake.Intake which;

    RequestIntakeFunction(RequestIntake.Intake which) {
        this.which = which;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        json.writeValue(output, intake.startPerEvent(which, input.readAllBytes()));
    }
}
