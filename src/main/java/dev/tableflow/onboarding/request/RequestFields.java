package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.validation.Rules;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The field rules the onboarding, offboarding and teardown requests share. */
final class RequestFields {

    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestFields() {}

    /** The caller's idempotency key, when it gives one. */
    static Optional<String> requestId(StepContext context, JsonNode detail) {
        if (!detail.has("requestId")) {
            return Optional.empty();
        }
        if (!(detail.get("requestId").isTextual() && REQUEST_ID.matcher(detail.get("requestId").asText()).matches())) {
            throw new InvalidInputException(context, "requestId", "must be a string of 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        return Optional.of(detail.get("requestId").asText());
    }

    /**
     * The topic a single-topic request (offboarding, resume) names: the detail must be an object of only the
     * request's {@code fields}, with a Kafka topic name that is not Kafka's or Confluent's own.
     */
    static String topic(StepContext context, JsonNode detail, Set<String> fields) {
        if (detail == null || !detail.isObject()) {
            throw new InvalidInputException(context, "detail", "must be a JSON object with a \"topic\"");
        }
        onlyKnownFields(context, "detail", detail, fields);
        JsonNode topic = detail.get("topic");
        String name = Rules.require(context, "topic", topic != null && topic.isTextual() ? topic.asText() : null, Rules.TOPIC_NAME,
                "a Kafka topic name");
        Rules.requireUnreservedTopic(context, "topic", name);
        return name;
    }

    /** Refuses a field the request does not define, so a typo does not silently fall back to a default. */
    static void onlyKnownFields(StepContext context, String field, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new InvalidInputException(context, field + "." + Rules.abbreviate(name), "unknown field; expected " + new TreeSet<>(known));
            }
        }
    }

    /** A yes/no field: absent or null is false; anything but a JSON boolean is refused. */
    static boolean flag(StepContext context, JsonNode detail, String field) {
        JsonNode value = detail.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(context, field, "must be true or false, not " + Rules.abbreviate(value.toString()));
        }
        return value.asBoolean();
    }

    /** A string field: absent or null is null; anything but a JSON string is refused. */
    static String text(StepContext context, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidInputException(context, field, "must be a string, not " + Rules.abbreviate(node.toString()));
        }
        return node.asText();
    }
}
