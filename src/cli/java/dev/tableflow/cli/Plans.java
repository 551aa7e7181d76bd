package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dry run's contract, in one place (README "Plan before apply"): a TopicOnboardingRequested with
 * {@code "dryRun": true} is answered by one {@code TopicOnboardingPlanned} event whose {@code execution} is the
 * execution the request started, listing per topic its action and, per resource, the action and the reason. A stack
 * deployed before dry runs refuses the field; that refusal is told apart so that apply can still show the request.
 */
final class Plans {

    static final String PLANNED = "TopicOnboardingPlanned";
    static final String REJECTED = "OnboardingRequestRejected";
    static final List<String> ACTIONS_REFUSED = List.of("REFUSE");

    record Change(String resource, String name, String action, String reason) {}

    record TopicPlan(String topic, String action, List<Change> changes) {
        boolean refused() {
            return ACTIONS_REFUSED.contains(action);
        }
    }

    /** A plan; {@code supported} false when the stack predates dry runs (then the topics are the request's, unplanned). */
    record Plan(boolean supported, List<Change> apiKeys, List<TopicPlan> topics, JsonNode event) {
        boolean refused() {
            return topics.stream().anyMatch(TopicPlan::refused);
        }
    }

    private Plans() {}

    /** The answer to the dry run that started {@code execution} (request id {@code requestId}), once it is in {@code events}. */
    static Optional<Plan> answer(List<JsonNode> events, String requestId, String execution, List<String> topics) {
        for (JsonNode event : Follow.of(events, List.of(PLANNED, REJECTED))) {
            JsonNode detail = event.path("detail");
            if (event.path("detail-type").asText().equals(PLANNED) && detail.path("execution").asText().equals(execution)) {
                return Optional.of(parse(event));
            }
            if (event.path("detail-type").asText().equals(REJECTED) && detail.path("requestId").asText().equals(requestId)) {
                String cause = detail.path("cause").asText();
                if (cause.contains("dryRun")) {
                    return Optional.of(new Plan(false, List.of(),
                            topics.stream().map(t -> new TopicPlan(t, "?", List.of())).toList(), event));
                }
                throw new CliException("the stack refused the request: " + cause);
            }
        }
        return Optional.empty();
    }

    static Plan parse(JsonNode event) {
        JsonNode detail = event.path("detail");
        List<TopicPlan> topics = new ArrayList<>();
        for (JsonNode topic : detail.path("topics")) {
            topics.add(new TopicPlan(topic.path("topic").asText(), topic.path("action").asText(), changes(topic.path("resources"))));
        }
        return new Plan(true, changes(detail.path("apiKeys")), topics, event);
    }

    private static List<Change> changes(JsonNode resources) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode r : resources) {
            changes.add(new Change(r.path("resource").asText(), r.path("name").asText(), r.path("action").asText(), r.path("reason").asText()));
        }
        return changes;
    }
}
