package dev.tableflow.onboarding.testbed.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * A Query protocol form as a tree, for {@link ShapeCheck}: {@code Tags.member.1.Key=k} becomes
 * {@code {"Tags":{"member":{"1":{"Key":"k"}}}}}; every leaf stays text, as the protocol sends it.
 */
final class QueryForm {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryForm() {}

    static JsonNode tree(Map<String, String> form) {
        ObjectNode root = JSON.createObjectNode();
        form.forEach((name, value) -> {
            String[] segments = name.split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < segments.length - 1; i++) {
                JsonNode child = node.get(segments[i]);
                node = child instanceof ObjectNode object ? object : node.putObject(segments[i]);
            }
            node.put(segments[segments.length - 1], value);
        });
        return root;
    }
}
