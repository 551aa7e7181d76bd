package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.StartOnboarding;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry point of the {@code StartOnboarding} step; template.yaml selects it with {@code QUARKUS_LAMBDA_HANDLER}.
 * It takes the event as bytes: the intake answers every refused request on the bus, so it reads the event itself
 * instead of letting the runtime refuse one before any code of ours runs.
 */
@Observed
@Named(StartOnboarding.STEP)
public class StartOnboardingFunction implements RequestStreamHandler {

    @Inject
    StartOnboarding step;

    @Inject
    ObjectMapper json;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        json.writeValue(output, step.run(input.readAllBytes()));
    }
}
