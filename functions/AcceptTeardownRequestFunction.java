package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.teardown.AcceptTeardownRequest;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry point of the {@code AcceptTeardownRequest} step, the teardown's intake; template.yaml selects it
 * with {@code QUARKUS_LAMBDA_HANDLER}. It takes the event as bytes, as StartOnboardingFunction does, to answer every
 * refused request on the bus.
 */
@Observed
@Named(AcceptTeardownRequest.STEP)
public class AcceptTeardownRequestFunction implements RequestStreamHandler {

    @Inject
    AcceptTeardownRequest step;

    @Inject
    ObjectMapper json;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        json.writeValue(output, step.run(input.readAllBytes()));
    }
}
