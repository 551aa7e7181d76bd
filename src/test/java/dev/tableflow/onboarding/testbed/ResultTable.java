package dev.tableflow.onboarding.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a workflow did, as a table a person reads: one row per resource a step reported on (any object of a state's
 * output with an {@code outcome}), with its name, its id and what was done. The raw output stays one-line
 * JSON in the engine's echo for whoever wants it.
 */
final class ResultTable {

    /** The fields steps name their resource with, most telling first. */
    private static final List<String> NAMES = List.of("displayName", "topicName", "topic", "subject", "secretName", "roleArn", "name");
    private static final List<String> IDS = List.of("id", "schemaId", "apiKeyId", "crnPattern");

    private ResultTable() {}

    /**
     * Rows from every state's output, not only the execution's: a Map iteration's results (each topic's) and a step
     * whose result a later check overwrote are in the history only. Each resource is listed once, as it ended.
     */
    static void print(PrintStream out, ExecutionResult result) {
        Map<String, String[]> byResource = new LinkedHashMap<>();
        for (JsonNode event : result.events()) {
            if (event.has("output")) {
                List<String[]> found = new ArrayList<>();
                collect(event.has("index") ? "[" + event.path("index").asInt() + "] " : "", event.path("output"), found);
                found.forEach(row -> byResource.put(row[0] + "|" + row[1], row));
            }
        }
        List<String[]> rows = List.copyOf(byResource.values());
        if (rows.isEmpty()) {
            return;
        }
        int[] widths = {8, 4, 2};
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        String format = "  %-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s%n";
        out.printf(format, "resource", "name", "id", "done");
        rows.forEach(row -> out.printf(format, (Object[]) row));
    }

    private static void collect(String path, JsonNode node, List<String[]> rows) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "[" + i + "]", node.get(i), rows);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.path("outcome").isTextual()) {
            rows.add(new String[] {path.isBlank() ? path + "(result)" : path, first(node, NAMES), first(node, IDS), node.path("outcome").asText()});
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getValue().isContainerNode()) {
                collect(path.isEmpty() || path.endsWith(" ") ? path + field.getKey() : path + "." + field.getKey(), field.getValue(), rows);
            }
        }
    }

    private static String first(JsonNode node, List<String> fields) {
        return fields.stream().map(node::path).filter(JsonNode::isValueNode).map(JsonNode::asText).findFirst().orElse("");
    }
}
