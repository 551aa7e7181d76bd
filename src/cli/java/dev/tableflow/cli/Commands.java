package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.steps.onboarding.StartOnboarding;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The four commands, each a request on the stack's bus followed to its answer in the outcome log. Every command ends
 * with its exit status: 0 when everything asked for was done, 1 otherwise.
 */
record Commands(Options options, Io io, Stack stack, Bus bus, OutcomeLog log, Duration patience) {

    private static final ObjectMapper JSON = new ObjectMapper();

    int plan(TopicsFile file) {
        Plans.Plan plan = dryRun(file);
        ObjectNode result = document("plan").put("ok", plan.supported() && !plan.refused());
        result.set("plan", plan.event());
        emit(result, Render.plan(plan));
        return plan.supported() && !plan.refused() ? 0 : 1;
    }

    int apply(TopicsFile file) {
        Plans.Plan plan = dryRun(file);
        io.progress(options.json()).print(Render.plan(plan));
        if (plan.refused()) {
            throw new CliException("not applied: the plan refuses a topic (see above); fix " + file.path() + " and run again");
        }
        if (!options.autoApprove() && !confirmed()) {
            throw new CliException("not applied: not confirmed");
        }
        String requestId = "tableflow-cli-" + UUID.randomUUID();
        String execution = StartOnboarding.requestExecutionName(requestId);
        Instant sent = Instant.now();
        String eventId = bus.put("TopicOnboardingRequested", file.request(requestId, false));
        Follow.Progress progress = new Follow.Progress(io.progress(options.json()), io.terminal() && !options.json());
        Follow follow = new Follow(log, sent, patience);
        List<Results.Topic> results = follow.until("the onboarding request " + eventId, () -> bus.execution(execution), (status, events) -> {
            rejection(events, requestId);
            List<Results.Topic> now = Results.of(file.topics(), events);
            progress.show(Results.progress(now, status.map(s -> s.statusAsString()).orElse("starting")));
            if (Results.allEnded(now)) {
                return Optional.of(now);
            }
            // The status was read before the events: an execution that ended has published all it will by then.
            status.filter(s -> !s.statusAsString().equals("RUNNING") && !s.statusAsString().equals("SUCCEEDED")).ifPresent(s -> {
                throw new CliException("the execution " + s.executionArn() + " ended " + s.statusAsString() + " before every topic's outcome: "
                        + s.error() + " " + s.cause());
            });
            return Optional.empty();
        });
        progress.done();
        ObjectNode result = document("apply").put("eventId", eventId).put("requestId", requestId).put("execution", bus.executionArn(execution));
        boolean ok = results.stream().noneMatch(Results.Topic::failed);
        result.put("ok", ok).set("topics", Results.json(results));
        emit(result, Results.table(results));
        return ok ? 0 : 1;
    }

    int status() {
        Instant sent = Instant.now();
        String eventId = bus.put("TableflowStatusRequested", JSON.createObjectNode());
        JsonNode report = new Follow(log, sent, patience).until("the status request " + eventId, Follow.NOTHING, (none, events) ->
                Follow.of(events, List.of("TableflowStatusReported")).stream().filter(e -> !e.path("time").asText().isEmpty()
                        && !Instant.parse(e.path("time").asText()).isBefore(sent.minusSeconds(1))).reduce((a, b) -> b)).path("detail");
        ObjectNode result = document("status").put("ok", report.path("healthy").asBoolean());
        result.set("report", report);
        emit(result, Render.status(report));
        return report.path("healthy").asBoolean() ? 0 : 1;
    }

    int offboard(String topic) {
        boolean deletes = options.deleteTopic() || options.deleteSchema();
        ObjectNode detail = JSON.createObjectNode().put("topic", topic);
        if (deletes) {
            detail.put("deleteTopic", options.deleteTopic()).put("deleteSchema", options.deleteSchema());
        }
        Instant sent = Instant.now();
        // Deleting data has its own detail-type, which only DataDeletionRequesters may send (README "Offboard a topic").
        String eventId = bus.put(deletes ? "TopicDataDeletionRequested" : "TopicOffboardingRequested", detail);
        JsonNode outcome = new Follow(log, sent, patience).until("the offboarding request " + eventId, Follow.NOTHING, (none, events) ->
                Follow.of(events, List.of("TopicOffboarded", "TopicOffboardingFailed")).stream()
                        .filter(e -> e.path("detail").path("topic").asText().equals(topic)).reduce((a, b) -> b));
        boolean ok = outcome.path("detail-type").asText().equals("TopicOffboarded");
        ObjectNode result = document("offboard").put("eventId", eventId).put("topic", topic).put("ok", ok);
        result.set("outcome", outcome);
        JsonNode d = outcome.path("detail");
        emit(result, ok ? topic + ": offboarded" + (deletes ? " (topic deleted: " + options.deleteTopic() + ", schema deleted: " + options.deleteSchema() + ")" : "") + "\n"
                : topic + ": offboarding failed at " + d.path("step").asText() + ": " + d.path("resource").asText() + ": " + d.path("cause").asText() + "\n");
        return ok ? 0 : 1;
    }

    /** Sends the file as a dry run and waits for its plan. */
    private Plans.Plan dryRun(TopicsFile file) {
        String requestId = "tableflow-cli-plan-" + UUID.randomUUID();
        String execution = StartOnboarding.requestExecutionName(requestId);
        Instant sent = Instant.now();
        String eventId = bus.put("TopicOnboardingRequested", file.request(requestId, true));
        return new Follow(log, sent, patience).until("the dry run " + eventId, Follow.NOTHING, (none, events) -> Plans.answer(events, requestId, execution, file.topics()));
    }

    private static void rejection(List<JsonNode> events, String requestId) {
        Follow.of(events, List.of(Plans.REJECTED)).stream().filter(e -> e.path("detail").path("requestId").asText().equals(requestId)).findFirst()
                .ifPresent(e -> {
                    throw new CliException("the stack refused the request: " + e.path("detail").path("cause").asText());
                });
    }

    private boolean confirmed() {
        // Tableflow.run refused before anything was sent when there is no terminal to ask on.
        io.err().print("Apply this plan to " + stack.name() + "? Only 'yes' applies it: ");
        io.err().flush();
        try {
            String answer = io.in().readLine();
            return answer != null && answer.trim().equals("yes");
        } catch (IOException e) {
            return false;
        }
    }

    private ObjectNode document(String command) {
        return JSON.createObjectNode().put("command", command).put("stack", stack.name());
    }

    private void emit(ObjectNode document, String text) {
        io.out().print(options.json() ? document.toPrettyString() + "\n" : text);
        io.out().flush();
    }
}
