package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.validation.Rules;

import java.util.Set;

/**
 * The detail of a {@code TopicOffboardingRequested} event. Deleting data is never a default: the schema and the
 * Kafka topic are deleted only when the request says so with {@code true}.
 */
public record OffboardingRequest(String topic, boolean deleteSchema, boolean deleteTopic) {

    private static final Set<String> FIELDS = Set.of("topic", "deleteSchema", "deleteTopic");

    public static OffboardingRequest parse(StepContext context, JsonNode detail) {
        if (detail == null || !detail.isObject()) {
            throw new InvalidInputException(context, "detail", "must be a JSON object with a \"topic\"");
        }
        OnboardingRequest.onlyKnownFields(context, "detail", detail, FIELDS);
        JsonNode topic = detail.get("topic");
        String name = Rules.require(context, "topic", topic != null && topic.isTextual() ? topic.asText() : null, Rules.TOPIC_NAME,
                "a Kafka topic name");
        return new OffboardingRequest(name, flag(context, detail, "deleteSchema"), flag(context, detail, "deleteTopic"));
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
}
