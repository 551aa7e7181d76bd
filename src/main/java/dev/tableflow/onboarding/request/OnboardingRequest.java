package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.validation.Rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The detail of a {@code TopicOnboardingRequested} event (its JSON Schema is schemas/events/), parsed strictly:
 * every problem is refused before anything is created, with the offending field named like
 * {@code topics[1].partitions}. Unknown fields are refused too, so a typo does not silently fall back to a default.
 *
 * @param dryRun true for a plan (README "Plan before apply"): the workflow looks up and decides, writes nothing, and
 *               answers with one TopicOnboardingPlanned event; null for an apply
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OnboardingRequest(List<TopicRequest> topics, Boolean dryRun) {

    static final Pattern CONFIG_NAME = Pattern.compile("[a-z0-9]+(\\.[a-z0-9]+)*");
    static final Pattern SCHEMA_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,255}");
    /** Confluent Cloud's per-topic partition limit on every cluster type. */
    static final int MAX_PARTITIONS = 4096;
    static final int MAX_TOPICS = 50;
    static final int MAX_CONFIGS = 50;
    /** Inline schemas ride in the workflow's payload, whose limit is 256 KB for the whole batch. */
    static final int MAX_INLINE_SCHEMA_BYTES = 32 * 1024;
    /** The request is the onboarding workflow's input; Step Functions caps a payload at 256 KB, outcomes included. */
    static final int MAX_REQUEST_BYTES = 128 * 1024;
    /**
     * How deep an inline schema may nest. The runtime's reader refuses deeper JSON anyway (runtime/StrictJson), but
     * without naming the field and before the intake can answer; this limit sits below it, so a deep schema is
     * refused here, named and answered.
     */
    static final int MAX_INLINE_SCHEMA_DEPTH = 32;
    private static final Set<String> REQUEST_FIELDS = Set.of("topics", "requestId", "dryRun");
    private static final Set<String> TOPIC_FIELDS = Set.of("name", "partitions", "configs", "schema", "tableFormats", "errorHandling",
            "errorLogTopic", "retentionMs", "dataRetentionMs", "metadataColumnNamingScheme");
    /** Sorted keys everywhere, inline schemas included, so equal requests serialize to equal text. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    public static OnboardingRequest parse(StepContext context, JsonNode detail) {
        if (detail == null || !detail.isObject()) {
            throw new InvalidInputException(context, "detail", "must be a JSON object with a \"topics\" array");
        }
        RequestFields.onlyKnownFields(context, "detail", detail, REQUEST_FIELDS);
        RequestFields.requestId(context, detail);
        JsonNode topics = detail.get("topics");
        if (topics == null || !topics.isArray() || topics.isEmpty()) {
            throw new InvalidInputException(context, "topics", "must be a non-empty array of topics");
        }
        if (topics.size() > MAX_TOPICS) {
            throw new InvalidInputException(context, "topics", topics.size() + " topics; at most " + MAX_TOPICS + " per request");
        }
        List<TopicRequest> parsed = new ArrayList<>();
        // Glue keeps table names in lower case: "orders" and "Orders" would both claim the table "orders".
        Map<String, Integer> tables = new HashMap<>();
        for (int i = 0; i < topics.size(); i++) {
            TopicRequest topic = topic(context, "topics[" + i + "]", topics.get(i));
            String table = topic.name().toLowerCase(Locale.ROOT);
            Integer other = tables.putIfAbsent(table, i);
            if (other != null) {
                String name = Rules.abbreviate(topic.name());
                throw new InvalidInputException(context, "topics[" + i + "].name", parsed.get(other).name().equals(topic.name())
                        ? "\"" + name + "\" is listed twice"
                        : "\"" + name + "\" and topics[" + other + "] \"" + Rules.abbreviate(parsed.get(other).name())
                                + "\" would both be the Glue table \"" + Rules.abbreviate(table) + "\" (Glue keeps table names in lower case)");
            }
            requireValidInlineSchema(context, "topics[" + i + "]", topic);
            parsed.add(topic);
        }
        requireErrorLogsOutsideTheRequest(context, parsed);
        // Only a dry run says so: an apply's canonical JSON, hence its execution name, is what it was before dry runs existed.
        OnboardingRequest request = new OnboardingRequest(List.copyOf(parsed), RequestFields.flag(context, detail, "dryRun") ? Boolean.TRUE : null);
        int size = request.canonicalJson().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_REQUEST_BYTES) {
            throw new InvalidInputException(context, "topics", size + " bytes in all; at most " + MAX_REQUEST_BYTES
                    + " (split the request, or ship large schemas under schemas/json/values/)");
        }
        return request;
    }

    /** A dead-letter topic that is also onboarded would turn every other topic's bad records into its own table rows. */
    private static void requireErrorLogsOutsideTheRequest(StepContext context, List<TopicRequest> topics) {
        for (int i = 0; i < topics.size(); i++) {
            String target = topics.get(i).errorLogTopic();
            if (target != null && topics.stream().anyMatch(t -> t.name().equals(target))) {
                throw new InvalidInputException(context, "topics[" + i + "].errorLogTopic", "\"" + Rules.abbreviate(target)
                        + "\" is onboarded by this request too; a dead-letter topic holds bad records, not a table's data");
            }
        }
    }

    /**
     * One topic's shape, as the per-topic steps re-check it (they may be invoked without the intake in front). Whether
     * an inline schema is a valid JSON Schema is {@link #requireValidInlineSchema}'s to say, apart: the validator costs
     * a cold function about 100 ms, so only the intake and EnsureTopic, the first step that creates anything, run it.
     * A shipped schema is checked when the package is built (ShippedSchemasTest).
     */
    public static TopicRequest topic(StepContext context, String field, JsonNode topic) {
        if (topic == null || !topic.isObject()) {
            throw new InvalidInputException(context, field, "must be an object with at least a \"name\"");
        }
        RequestFields.onlyKnownFields(context, field, topic, TOPIC_FIELDS);
        String name = RequestFields.text(context, field + ".name", topic.get("name"));
        if (name == null) {
            throw new InvalidInputException(context, field + ".name", "missing");
        }
        if (!Rules.TOPIC_NAME.matcher(name).matches()) {
            throw new InvalidInputException(context, field + ".name", "\"" + Rules.abbreviate(name)
                    + "\" is not a Kafka topic name: 1 to 249 of letters, digits, '.', '_' and '-', and not \".\" or \"..\"");
        }
        Rules.requireUnreservedTopic(context, field + ".name", name);
        String errorHandling = TableflowFields.errorHandling(context, field + ".errorHandling", topic.get("errorHandling"));
        return new TopicRequest(name, partitions(context, field + ".partitions", topic.get("partitions")),
                configs(context, field + ".configs", topic.get("configs")),
                schema(context, field + ".schema", name, topic.get("schema")),
                TableflowFields.tableFormats(context, field + ".tableFormats", topic.get("tableFormats")),
                errorHandling, TableflowFields.errorLogTopic(context, field + ".errorLogTopic", topic.get("errorLogTopic"), errorHandling, name),
                TableflowFields.milliseconds(context, field + ".retentionMs", topic.get("retentionMs"), TableflowFields.MIN_RETENTION_MS),
                TableflowFields.milliseconds(context, field + ".dataRetentionMs", topic.get("dataRetentionMs"), TableflowFields.MIN_DATA_RETENTION_MS),
                TableflowFields.namingScheme(context, field + ".metadataColumnNamingScheme", topic.get("metadataColumnNamingScheme")));
    }

    private static Integer partitions(StepContext context, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1 || node.asInt() > MAX_PARTITIONS) {
            throw new InvalidInputException(context, field, Rules.abbreviate(node.toString()) + " is not a whole number from 1 to " + MAX_PARTITIONS);
        }
        return node.asInt();
    }

    private static TreeMap<String, String> configs(StepContext context, String field, JsonNode node) {
        TreeMap<String, String> configs = new TreeMap<>();
        if (node == null || node.isNull()) {
            return configs;
        }
        if (!node.isObject() || node.size() > MAX_CONFIGS) {
            throw new InvalidInputException(context, field, "must be an object of at most " + MAX_CONFIGS + " Kafka topic configs");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> config = it.next();
            String key = field + "." + Rules.abbreviate(config.getKey());
            if (!CONFIG_NAME.matcher(config.getKey()).matches()) {
                throw new InvalidInputException(context, key, "is not a Kafka config name such as retention.ms");
            }
            if (!config.getValue().isValueNode() || config.getValue().isNull()) {
                throw new InvalidInputException(context, key, "must be a string, number or boolean");
            }
            configs.put(config.getKey(), config.getValue().asText());
        }
        return configs;
    }

    private static TopicRequest.Schema schema(StepContext context, String field, String topic, JsonNode node) {
        if (node == null || node.isNull()) {
            return shippedSchema(context, field + ".name", topic + "-value");
        }
        if (!node.isObject() || node.has("name") == node.has("inline") || node.size() != 1) {
            throw new InvalidInputException(context, field, "must have exactly one of \"name\" (a shipped schema) or \"inline\" (a JSON Schema)");
        }
        if (node.has("name")) {
            String name = RequestFields.text(context, field + ".name", node.get("name"));
            if (name == null || !SCHEMA_NAME.matcher(name).matches()) {
                throw new InvalidInputException(context, field + ".name", "must be a schema file name such as " + topic + "-value");
            }
            return shippedSchema(context, field + ".name", name);
        }
        JsonNode inline = node.get("inline");
        if (!inline.isObject()) {
            throw new InvalidInputException(context, field + ".inline", "must be a JSON Schema object");
        }
        int depth = depth(inline);
        if (depth > MAX_INLINE_SCHEMA_DEPTH) {
            throw new InvalidInputException(context, field + ".inline", "nested " + depth + " levels deep; at most " + MAX_INLINE_SCHEMA_DEPTH);
        }
        String document = inline.toString();
        int bytes = document.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_INLINE_SCHEMA_BYTES) {
            throw new InvalidInputException(context, field + ".inline", bytes + " bytes; inline schemas are limited to "
                    + MAX_INLINE_SCHEMA_BYTES + " (ship larger ones under schemas/json/values/)");
        }
        return new TopicRequest.Schema(null, inline);
    }

    /** Levels of objects and arrays, the node itself included; the reader has bounded the recursion already. */
    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    private static TopicRequest.Schema shippedSchema(StepContext context, String field, String name) {
        if (!JsonSchemas.ships(name)) {
            throw new InvalidInputException(context, field, "no schema " + JsonSchemas.SHIPPED + name
                    + ".json ships with the application; send it inline instead");
        }
        return new TopicRequest.Schema(name, null);
    }

    /** Refuses an inline schema that its draft's meta-schema does not accept; {@code field} names the topic. */
    public static void requireValidInlineSchema(StepContext context, String field, TopicRequest topic) {
        if (topic.schema().inline() == null) {
            return;
        }
        List<String> problems = JsonSchemas.problems(topic.schema().inline());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(context, field + ".schema.inline", "not a valid JSON Schema: "
                    + Rules.abbreviate(String.join("; ", problems)));
        }
    }

    /** The canonical JSON of the request: equal requests give equal text, which the intake's execution names rely on. */
    public String canonicalJson() {
        try {
            return CANONICAL.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
