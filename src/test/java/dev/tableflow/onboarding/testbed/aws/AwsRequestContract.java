package dev.tableflow.onboarding.testbed.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds an AWS request to its service's published model (botocore's {@code service-2.json}), as the Confluent test
 * server holds requests to Confluent's OpenAPI specs: the protocol (JSON 1.0/1.1 with {@code X-Amz-Target:
 * <targetPrefix>.<Operation>}, or Query with {@code Action} and {@code Version}), the content type, and the input
 * against its shape ({@link ShapeCheck}). Each violation names the operation and the member, never a value: request
 * values may be secrets.
 */
public final class AwsRequestContract {

    /** botocore's name of each service we call, by its signing name (what the credential scope says). */
    private static final Map<String, String> MODELS = Map.of("iam", "iam", "secretsmanager", "secretsmanager", "glue", "glue",
            "events", "events", "states", "stepfunctions", "dynamodb", "dynamodb");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> LOADED = new ConcurrentHashMap<>();

    private AwsRequestContract() {}

    /**
     * @param signingName the service of the request's SigV4 credential scope
     * @return the violations, empty when the request is one the service's model describes
     */
    public static List<String> violations(String signingName, String method, String path, String contentType, String target, byte[] body) {
        String modelName = MODELS.get(signingName);
        if (modelName == null) {
            return List.of("a request signed for \"" + signingName + "\", a service this check has no model of (add it to AwsRequestContract)");
        }
        JsonNode model = LOADED.computeIfAbsent(modelName, Botocore::serviceModel);
        JsonNode metadata = model.path("metadata");
        List<String> violations = new ArrayList<>();
        if (!method.equals("POST") || !(path.isEmpty() || path.equals("/"))) {
            violations.add(signingName + ": " + method + " " + path + ", but its " + metadata.path("protocol").asText() + " protocol is POST to /");
        }
        switch (metadata.path("protocol").asText()) {
            case "json" -> json(model, contentType, target, body, violations);
            case "query" -> query(model, contentType, body, violations);
            default -> violations.add(signingName + ": protocol " + metadata.path("protocol").asText() + " is not checked (add it to AwsRequestContract)");
        }
        return violations;
    }

    private static void json(JsonNode model, String contentType, String target, byte[] body, List<String> violations) {
        JsonNode metadata = model.path("metadata");
        String service = metadata.path("endpointPrefix").asText();
        String expectedType = "application/x-amz-json-" + metadata.path("jsonVersion").asText();
        if (!expectedType.equalsIgnoreCase(contentType)) {
            violations.add(service + ": Content-Type " + contentType + ", but the model's JSON version calls for " + expectedType);
        }
        String prefix = metadata.path("targetPrefix").asText() + ".";
        if (target == null || !target.startsWith(prefix)) {
            violations.add(service + ": X-Amz-Target " + target + " does not start with the model's target prefix " + prefix);
            return;
        }
        String operation = target.substring(prefix.length());
        JsonNode input = input(model, operation, service, violations);
        if (input == null) {
            return;
        }
        JsonNode request;
        try {
            request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (Exception e) {
            violations.add(service + "." + operation + ": the body is not JSON");
            return;
        }
        new ShapeCheck(model, service + "." + operation, false, violations).check(input, request, "");
    }

    private static void query(JsonNode model, String contentType, byte[] body, List<String> violations) {
        JsonNode metadata = model.path("metadata");
        String service = metadata.path("endpointPrefix").asText();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            violations.add(service + ": Content-Type " + contentType + ", but the Query protocol sends a form");
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (form.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                    violations.add(service + ": form parameter " + name + " is sent twice");
                }
            }
        }
        String operation = form.remove("Action");
        String version = form.remove("Version");
        if (!metadata.path("apiVersion").asText().equals(version)) {
            violations.add(service + ": Version " + version + ", but the model's API version is " + metadata.path("apiVersion").asText());
        }
        JsonNode input = input(model, String.valueOf(operation), service, violations);
        if (input != null) {
            new ShapeCheck(model, service + "." + operation, true, violations).check(input, QueryForm.tree(form), "");
        }
    }

    /** The operation's input shape; null (with a violation) when the model has no such operation. */
    private static JsonNode input(JsonNode model, String operation, String service, List<String> violations) {
        JsonNode definition = model.path("operations").path(operation);
        if (definition.isMissingNode()) {
            violations.add(service + ": no operation " + operation + " in the service's model");
            return null;
        }
        if (definition.path("deprecated").asBoolean(false)) {
            violations.add(service + "." + operation + " is deprecated in the service's model");
        }
        String name = definition.path("input").path("shape").asText(null);
        return name == null ? JSON.createObjectNode().put("type", "structure").set("members", JSON.createObjectNode())
                : model.path("shapes").path(name);
    }
}
