package dev.tableflow.onboarding.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.testbed.TestBed;

import java.util.List;
import java.util.stream.IntStream;

/** TopicOnboardingRequested details for topics the benchmark invents, each with a small inline JSON Schema. */
final class Topics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Topics() {}

    static List<String> names(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> String.format("%s-%03d", prefix, i)).toList();
    }

    static String detail(List<String> names, String requestId) {
        ObjectNode detail = JSON.createObjectNode();
        ArrayNode topics = detail.putArray("topics");
        for (String name : names) {
            ObjectNode topic = topics.addObject().put("name", name);
            ObjectNode schema = topic.putObject("schema").putObject("inline");
            schema.put("$schema", "http://json-schema.org/draft-07/schema#").put("title", name + "-value").put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            properties.putObject("id").put("type", "string");
            properties.putObject("at").put("type", "string").put("format", "date-time");
            properties.putObject("amount").put("type", "integer").put("minimum", 0);
            schema.putArray("required").add("id").add("at");
        }
        if (requestId != null) {
            detail.put("requestId", requestId);
        }
        return detail.toString();
    }

    /** The same request under an explicit idempotency key, so it starts an execution of its own. */
    static String withRequestId(String detail, String requestId) {
        ObjectNode copy = (ObjectNode) TestBed.parse(detail).deepCopy();
        return copy.put("requestId", requestId).toString();
    }
}
