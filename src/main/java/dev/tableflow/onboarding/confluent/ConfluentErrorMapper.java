package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.util.OptionalLong;

/**
 * Reads Confluent's two error body shapes into one exception: the management APIs' JSON:API style
 * {@code {"errors":[{"status","code","title","detail"}]}} and Kafka REST / Schema Registry's
 * {@code {"error_code": 40002, "message": "..."}}. The wait hint is {@code Retry-After} (429, and 503 by HTTP), or on a
 * 429 without it {@code X-RateLimit-Reset} (relative seconds on Confluent Cloud, unlike GitHub's epoch seconds). On
 * other errors {@code X-RateLimit-Reset} is only when the quota window renews, not a reason to wait.
 */
public class ConfluentErrorMapper implements ResponseExceptionMapper<ConfluentApiException> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ConfluentApiException toThrowable(Response response) {
        int status = response.getStatus();
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        String code = null;
        String message = null;
        try {
            JsonNode json = body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
            JsonNode first = json.path("errors").path(0);
            if (!first.isMissingNode()) {
                code = text(first, "code");
                message = text(first, "detail") != null ? text(first, "detail") : text(first, "title");
            } else if (json.has("error_code")) {
                code = json.get("error_code").asText();
                message = text(json, "message");
            }
        } catch (Exception notJson) {
            // Gateways answer 502/503 with HTML or plain text; the status line says enough then.
        }
        if (message == null) {
            message = response.getStatusInfo().getReasonPhrase();
        }
        return new ConfluentApiException(status, code, message, retryAfter(response, status));
    }

    private static OptionalLong retryAfter(Response response, int status) {
        String[] headers = status == 429 ? new String[] {"Retry-After", "X-RateLimit-Reset"} : new String[] {"Retry-After"};
        for (String header : headers) {
            String value = response.getHeaderString(header);
            if (value != null && value.strip().matches("\\d{1,6}")) {
                return OptionalLong.of(Long.parseLong(value.strip()));
            }
        }
        return OptionalLong.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
