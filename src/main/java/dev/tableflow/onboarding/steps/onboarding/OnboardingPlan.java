package dev.tableflow.onboarding.steps.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.steps.Failure;
import dev.tableflow.onboarding.validation.Rules;

import java.util.List;
import java.util.Map;

/**
 * The detail of {@code TopicOnboardingPlanned}, the answer to a dry run (README "Plan before apply"; its JSON Schema is
 * schemas/events/topic-onboarding-planned.schema.json): per API key and per topic, each resource with the action the
 * apply would take and why. It is built from the dry run's step outputs, each step's own decision, so the plan says
 * what the apply would do because it is the apply's code that decided it.
 */
public final class OnboardingPlan {

    /** Per topic resource, in the order the workflow ensures them, with the step that plans it. */
    private static final List<Map.Entry<String, String>> TOPIC_RESOURCES = List.of(
            Map.entry("kafkaTopic", EnsureTopic.STEP), Map.entry("schema", EnsureSchema.STEP),
            Map.entry("tableflowTopic", EnsureTableflowTopic.STEP));
    /** A topic's action is the first of these that one of its resources has. */
    static final List<String> PRECEDENCE = List.of("REFUSE", "FAILED", "CREATE", "REPLACE", "UPDATE", "UNKNOWN", "ADOPT");
    private static final List<String> REFUSALS = List.of(TerminalException.class.getName(), InvalidInputException.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private OnboardingPlan() {}

    /**
     * @param plan {@code execution}, {@code kafkaApiKey} and {@code schemaRegistryApiKey} (the key steps' outputs) and
     *             {@code topics}, one per topic: its name and the outputs of the steps that ran, or the error that stopped it
     */
    public static ObjectNode detail(String environment, JsonNode plan) {
        ObjectNode detail = JSON.createObjectNode().put("environment", environment).put("execution", Rules.abbreviate(plan.path("execution").asText()));
        ArrayNode keys = detail.putArray("apiKeys");
        keys.add(resource("kafkaApiKey", plan.path("kafkaApiKey").path("secretName"), plan.path("kafkaApiKey").path("plan")));
        keys.add(resource("schemaRegistryApiKey", plan.path("schemaRegistryApiKey").path("secretName"), plan.path("schemaRegistryApiKey").path("plan")));
        ArrayNode topics = detail.putArray("topics");
        plan.path("topics").forEach(topic -> topics.add(topic(topic)));
        return detail;
    }

    private static ObjectNode topic(JsonNode state) {
        ObjectNode topic = JSON.createObjectNode().put("topic", Rules.abbreviate(state.path("topic").asText()));
        ArrayNode resources = JSON.createArrayNode();
        JsonNode error = state.path("error");
        Failure failure = error.isObject() ? Failure.from(error) : null;
        for (Map.Entry<String, String> planned : TOPIC_RESOURCES) {
            JsonNode output = state.path(planned.getKey());
            if (output.path("plan").isObject()) {
                JsonNode name = output.has("subject") ? output.path("subject") : output.path("topicName");
                resources.add(resource(planned.getKey(), name, output.path("plan")));
            } else if (failure != null && failure.step().equals(planned.getValue())) {
                // The apply would stop here too: the resources after it are not planned.
                resources.add(JSON.createObjectNode().put("resource", planned.getKey()).put("action", refusal(failure))
                        .put("reason", failure.cause()));
            }
        }
        topic.put("action", failure != null ? refusal(failure) : PRECEDENCE.stream()
                .filter(action -> resources.findValuesAsText("action").contains(action)).findFirst().orElse("ADOPT"));
        topic.set("resources", resources);
        if (failure != null) {
            topic.putObject("refusal").put("step", failure.step()).put("resource", failure.resource()).put("cause", failure.cause())
                    .put("errorType", failure.errorType());
        }
        return topic;
    }

    /** A refusal is what the apply would refuse too (bad input, or a terminal conflict); anything else is a plan that could not be made. */
    private static String refusal(Failure failure) {
        return REFUSALS.contains(failure.errorType()) ? "REFUSE" : "FAILED";
    }

    private static ObjectNode resource(String kind, JsonNode name, JsonNode plan) {
        ObjectNode resource = JSON.createObjectNode().put("resource", kind);
        if (name.isTextual()) {
            resource.put("name", name.asText());
        }
        return resource.put("action", plan.path("action").asText("UNKNOWN")).put("reason", plan.path("reason").asText(""));
    }
}
