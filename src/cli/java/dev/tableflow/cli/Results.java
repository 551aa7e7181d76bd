package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What became of each topic of a request, read from its outcome events (README "Outcome events"): TopicOnboarded with
 * the Glue table, or TopicOnboardingFailed with the step, the resource and the service's message.
 */
final class Results {

    static final String ONBOARDED = "TopicOnboarded";
    static final String FAILED = "TopicOnboardingFailed";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Topic(String topic, String state, String database, String table, String step, String resource, String cause) {
        boolean ended() {
            return !state.equals("waiting");
        }

        boolean failed() {
            return state.equals("failed");
        }

        /** Athena's query of the topic's table: Glue keeps table names in lower case. */
        Optional<String> query() {
            return table == null ? Optional.empty() : Optional.of("SELECT * FROM \"" + database + "\".\"" + table + "\" LIMIT 10");
        }
    }

    private Results() {}

    /** Each topic's latest outcome among {@code events} (oldest first); waiting when it has none yet. */
    static List<Topic> of(List<String> topics, List<JsonNode> events) {
        Map<String, Topic> results = new LinkedHashMap<>();
        topics.forEach(t -> results.put(t, new Topic(t, "waiting", null, null, null, null, null)));
        for (JsonNode event : Follow.of(events, List.of(ONBOARDED, FAILED))) {
            JsonNode detail = event.path("detail");
            String topic = detail.path("topic").asText();
            if (!results.containsKey(topic)) {
                continue;
            }
            results.put(topic, event.path("detail-type").asText().equals(ONBOARDED)
                    ? new Topic(topic, "onboarded", detail.path("table").path("database").asText(null), detail.path("table").path("table").asText(null),
                            null, null, null)
                    : new Topic(topic, "failed", null, null, detail.path("step").asText(), detail.path("resource").asText(), detail.path("cause").asText()));
        }
        return new ArrayList<>(results.values());
    }

    static boolean allEnded(List<Topic> results) {
        return results.stream().allMatch(Topic::ended);
    }

    /** The progress line: each topic and where it is. */
    static String progress(List<Topic> results, String execution) {
        StringBuilder line = new StringBuilder("[" + execution + "]");
        results.forEach(r -> line.append(' ').append(r.topic()).append(": ").append(r.state()));
        return line.toString();
    }

    /** The closing table: one row per topic, its table and query, or where and why it failed. */
    static String table(List<Topic> results) {
        int width = results.stream().mapToInt(r -> r.topic().length()).max().orElse(5);
        StringBuilder out = new StringBuilder();
        out.append(pad("TOPIC", width)).append("  ").append(pad("RESULT", 9)).append("  TABLE / CAUSE\n");
        for (Topic r : results) {
            out.append(pad(r.topic(), width)).append("  ").append(pad(r.state(), 9)).append("  ");
            if (r.failed()) {
                out.append(r.step()).append(": ").append(r.resource()).append(": ").append(r.cause()).append('\n');
            } else if (r.table() != null) {
                out.append(r.database()).append('.').append(r.table()).append('\n')
                        .append(pad("", width + 13)).append("athena: ").append(r.query().orElseThrow()).append('\n');
            } else {
                out.append('\n');
            }
        }
        return out.toString();
    }

    static ArrayNode json(List<Topic> results) {
        ArrayNode topics = JSON.createArrayNode();
        for (Topic r : results) {
            var topic = topics.addObject().put("topic", r.topic()).put("result", r.state());
            if (r.table() != null) {
                topic.put("database", r.database()).put("table", r.table()).put("query", r.query().orElseThrow());
            }
            if (r.failed()) {
                topic.put("step", r.step()).put("resource", r.resource()).put("cause", r.cause());
            }
        }
        return topics;
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
