package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Jackson helpers; resources are kept as JSON trees because that is exactly what the contract describes. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies handed out to tests, so nobody mutates server state by accident. */
    static List<JsonNode> copies(Iterable<? extends JsonNode> nodes) {
        List<JsonNode> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.deepCopy()));
        return List.copyOf(out);
    }

    /** Text at a dotted path ("spec.owner.id"), or null when absent/blank. */
    static String text(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            current = current == null ? null : current.get(part);
        }
        return current == null || !current.isValueNode() || current.asText().isBlank() ? null : current.asText();
    }

    /** Like {@link #text} but answers 400 naming the missing field, as Confluent does for invalid bodies. */
    static String requireText(JsonNode node, String dottedPath) {
        String value = text(node, dottedPath);
        if (value == null) {
            throw ApiException.badRequest("'" + dottedPath + "' is required");
        }
        return value;
    }
}
