package dev.tableflow.onboarding.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.errors.StepException;

/**
 * A caught workflow error ({@code {"Error", "Cause"}}) read back into the step, the resource and the cause that
 * {@link StepException} wrote as "step: resource: cause"; any other error (a Lambda timeout or crash) keeps its
 * message whole, with the step and resource unknown: the execution's history names the state. Step Functions puts a
 * Lambda error's JSON ({@code errorMessage}, {@code errorType}, {@code stackTrace}) in Cause; only the message
 * is kept, never the stack trace.
 */
public record Failure(String errorType, String step, String resource, String cause) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUR_ERRORS = StepException.class.getPackageName() + ".";

    public static Failure from(JsonNode error) {
        String type = error == null ? "Unknown" : error.path("Error").asText("Unknown");
        String message = message(error == null ? "" : error.path("Cause").asText(""), type);
        // Only our errors are written that way; Lambda's own (a timeout: "RequestId: … Error: Task timed out …") are not.
        String[] parts = type.startsWith(OUR_ERRORS) ? message.split(": ", 3) : new String[0];
        return parts.length == 3
                ? new Failure(type, parts[0], parts[1], parts[2])
                : new Failure(type, "unknown", "unknown", message);
    }

    private static String message(String cause, String type) {
        if (cause.startsWith("{")) {
            try {
                return JSON.readTree(cause).path("errorMessage").asText(cause);
            } catch (Exception notJson) {
                return cause;
            }
        }
        // Engines that report "errorType: errorMessage" instead of the JSON payload.
        return cause.startsWith(type + ": ") ? cause.substring(type.length() + 2) : cause;
    }
}
