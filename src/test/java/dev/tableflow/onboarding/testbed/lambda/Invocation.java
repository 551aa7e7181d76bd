package dev.tableflow.onboarding.testbed.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * One completed invocation, as a caller of the Invoke API saw it.
 *
 * @param response  the function's result, or on failure the error document
 *                  ({@code {"errorMessage", "errorType", "stackTrace"}}) exactly as the runtime posted it
 * @param errorType null on success; else the runtime's error type (for a Java exception thrown by a handler, its
 *                  fully qualified class name), or Lambda's own ({@code Runtime.ExitError}, {@code Sandbox.Timedout})
 * @param coldStart whether this invocation started the JVM that served it
 * @param duration  from the Invoke call to its result, a cold start's init included
 * @param handled   from the runtime's {@code next} being answered with the event to the result: what Lambda's REPORT
 *                  line calls Duration, init and restore excluded; null when no runtime took the event
 */
public record Invocation(String function, String requestId, String request, String response, String errorType,
                         boolean coldStart, Duration duration, Duration handled) {

    public boolean failed() {
        return errorType != null;
    }

    public JsonNode responseJson() {
        try {
            return HttpExchanges.JSON.readTree(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the response of " + function + " is not JSON: " + response, e);
        }
    }

    /** The error document's message; null on success. */
    public String errorMessage() {
        return failed() ? responseJson().path("errorMessage").asText(null) : null;
    }
}
