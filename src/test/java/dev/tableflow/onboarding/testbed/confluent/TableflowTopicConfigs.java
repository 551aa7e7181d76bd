package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/** A TableFlow topic's {@code spec.config} (tableflow-v1.yaml, {@code TableFlowTopicConfigsSpec}) as TableFlow checks and applies it. */
final class TableflowTopicConfigs {
    /** TableFlowTopicConfigsSpec's minimums, in milliseconds: 24 hours of snapshots, 30 days of data. */
    private static final Map<String, Long> CONFIG_MINIMUMS = Map.of("retention_ms", 86_400_000L, "data_retention_ms", 2_592_000_000L);
    private static final Set<String> ERROR_MODES = Set.of("SUSPEND", "SKIP", "LOG");
    private static final Set<String> NAMING_SCHEMES = Set.of("DEFAULT", "PORTABLE");

    private TableflowTopicConfigs() {}

    static void check(JsonNode config) {
        CONFIG_MINIMUMS.forEach((name, minimum) -> {
            String value = Json.text(config, name);
            if (value != null && !(value.matches("\\d{1,18}") && Long.parseLong(value) >= minimum)) {
                throw ApiException.badRequest("spec.config." + name + " '" + value + "' must be at least " + minimum + " milliseconds");
            }
        });
        String naming = Json.text(config, "metadata_column_naming_scheme");
        if (naming != null && !NAMING_SCHEMES.contains(naming)) {
            throw ApiException.badRequest("spec.config.metadata_column_naming_scheme '" + naming + "' must be one of " + NAMING_SCHEMES);
        }
        JsonNode errorHandling = config.path("error_handling");
        if (errorHandling.isObject() && !ERROR_MODES.contains(errorHandling.path("mode").asText())) {
            throw ApiException.badRequest("spec.config.error_handling.mode '" + errorHandling.path("mode").asText() + "' must be one of " + ERROR_MODES);
        }
    }

    /**
     * LOG mode's dead-letter topic: {@code target} defaults to {@code error_log}, and TableFlow "creates the topic if it
     * doesn't already exist" (ErrorHandlingLog.target in tableflow-v1.yaml). The contract does not say with how many
     * partitions; the test bed gives it one.
     */
    static void createLogTarget(KafkaRestApi kafka, String cluster, JsonNode config) {
        JsonNode errorHandling = config.path("error_handling");
        if (errorHandling.isObject() && "LOG".equals(errorHandling.path("mode").asText())) {
            String target = errorHandling.hasNonNull("target") ? errorHandling.get("target").asText() : "error_log";
            ((ObjectNode) errorHandling).put("target", target);
            if (!kafka.topicExists(cluster, target)) {
                kafka.createTopic(cluster, target, 1);
            }
        }
    }
}
