package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.validation.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a topic that configure its TableFlow table (tableflow-v1.yaml, {@code TableFlowTopicConfigsSpec}),
 * refused at the intake with the field named rather than by Confluent after the Kafka topic exists.
 */
final class TableflowFields {

    /** TableFlow's own minimum for retention_ms (24 hours). */
    static final long MIN_RETENTION_MS = 86_400_000L;
    /** TableFlow's own minimum for data_retention_ms (30 days). */
    static final long MIN_DATA_RETENTION_MS = 2_592_000_000L;
    static final Set<String> TABLE_FORMATS = Set.of("ICEBERG", "DELTA");
    static final Set<String> ERROR_HANDLING = Set.of("SUSPEND", "SKIP", "LOG");
    static final Set<String> NAMING_SCHEMES = Set.of("DEFAULT", "PORTABLE");
    /** Where TableFlow logs bad records in LOG mode when no target is given (ErrorHandlingLog.target's default). */
    static final String DEFAULT_ERROR_LOG_TOPIC = "error_log";

    private TableflowFields() {}

    static List<String> tableFormats(StepContext context, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of("ICEBERG");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(context, field, "must be a non-empty array of " + TABLE_FORMATS);
        }
        List<String> formats = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String format = oneOf(context, field + "[" + i + "]", node.get(i), TABLE_FORMATS, null);
            if (formats.contains(format)) {
                throw new InvalidInputException(context, field + "[" + i + "]", format + " is listed twice");
            }
            formats.add(format);
        }
        if (!formats.contains("ICEBERG")) {
            throw new InvalidInputException(context, field, "must include ICEBERG: the AWS Glue catalog sync publishes Iceberg tables only");
        }
        return List.copyOf(formats);
    }

    static String errorHandling(StepContext context, String field, JsonNode node) {
        return oneOf(context, field, node, ERROR_HANDLING, "SUSPEND");
    }

    /**
     * The dead-letter topic of LOG mode: a Kafka topic name like any other, not reserved and not the topic itself
     * (its bad records would be fed back to it). TableFlow creates it when it does not exist, so it need not exist.
     */
    static String errorLogTopic(StepContext context, String field, JsonNode node, String errorHandling, String topic) {
        String target = RequestFields.text(context, field, node);
        if (!"LOG".equals(errorHandling)) {
            if (target != null) {
                throw new InvalidInputException(context, field, "only with errorHandling LOG; the topic's errorHandling is " + errorHandling);
            }
            return null;
        }
        if (target == null) {
            return DEFAULT_ERROR_LOG_TOPIC;
        }
        if (!Rules.TOPIC_NAME.matcher(target).matches()) {
            throw new InvalidInputException(context, field, "\"" + Rules.abbreviate(target)
                    + "\" is not a Kafka topic name: 1 to 249 of letters, digits, '.', '_' and '-', and not \".\" or \"..\"");
        }
        Rules.requireUnreservedTopic(context, field, target);
        if (target.equals(topic)) {
            throw new InvalidInputException(context, field, "\"" + Rules.abbreviate(target)
                    + "\" is the topic itself: its bad records would be logged back into it");
        }
        return target;
    }

    static String namingScheme(StepContext context, String field, JsonNode node) {
        return node == null || node.isNull() ? null : oneOf(context, field, node, NAMING_SCHEMES, null);
    }

    static Long milliseconds(StepContext context, String field, JsonNode node, long minimum) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < minimum) {
            throw new InvalidInputException(context, field, Rules.abbreviate(node.toString()) + " is not a whole number of milliseconds of at least " + minimum);
        }
        return node.asLong();
    }

    private static String oneOf(StepContext context, String field, JsonNode node, Set<String> allowed, String fallback) {
        if ((node == null || node.isNull()) && fallback != null) {
            return fallback;
        }
        String value = RequestFields.text(context, field, node);
        if (value == null || !allowed.contains(value)) {
            throw new InvalidInputException(context, field, (value == null ? "missing" : "\"" + Rules.abbreviate(value) + "\"") + "; expected one of "
                    + String.join(", ", new TreeSet<>(allowed)));
        }
        return value;
    }
}
