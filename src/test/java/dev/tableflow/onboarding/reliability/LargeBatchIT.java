package dev.tableflow.onboarding.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.testbed.confluent.CloudHttp;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.tableflow.onboarding.reliability.WorkflowLimitsTest.EXECUTION_EVENTS;
import static dev.tableflow.onboarding.reliability.WorkflowLimitsTest.MAP_ITERATION_EVENTS;
import static dev.tableflow.onboarding.reliability.WorkflowLimitsTest.MAP_RUN_EVENTS;
import static dev.tableflow.onboarding.reliability.WorkflowLimitsTest.PAYLOAD_QUOTA;
import static dev.tableflow.onboarding.reliability.WorkflowLimitsTest.STATE_VISIT_EVENTS;
import static dev.tableflow.onboarding.reliability.WorkflowLimitsTest.TASK_ATTEMPT_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest batch a team can send, run for real: 50 topics whose inline schemas fill the intake's 128 KB, one of
 * them failing on an incompatible schema so a caught error (with its Lambda error document) travels in the state.
 * Every state input and output the engine saw is measured against Step Functions' 256 KB, and the run's history is
 * counted with the model WorkflowLimitsTest bounds.
 */
class LargeBatchIT extends WorkflowTestBase {

    static final int TOPICS = 50;
    static final String INCOMPATIBLE = "batch-07";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fiftyTopicsFillingTheRequestLimitStayUnderThePayloadQuota() throws Exception {
        bed.reset();
        bed.stepFunctions.timeout(Duration.ofMinutes(20));
        assertThat(bed.bootstrap().succeeded()).isTrue();
        registerSchema(INCOMPATIBLE + "-value", "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}");

        String detail = batch(2_400);
        Invocation intake = bed.requestOnboarding(detail);
        assertThat(intake.failed()).as(intake.response()).isFalse();
        String executionName = intake.responseJson().path("executionName").asText();
        long started = System.nanoTime();
        ExecutionResult run = bed.runStartedExecution(executionName);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        Map<String, String> outcomes = outcomesByTopic();
        assertThat(outcomes).hasSize(TOPICS);
        assertThat(outcomes.get(INCOMPATIBLE)).isEqualTo("TopicOnboardingFailed");
        assertThat(outcomes.values().stream().filter("TopicOnboarded"::equals)).hasSize(TOPICS - 1);

        int input = bytes(run.events("ExecutionStarted").getFirst().path("input"));
        int output = bytes(run.output());
        JsonNode largest = run.events().stream().max((a, b) -> Integer.compare(largestPayload(a), largestPayload(b))).orElseThrow();
        int caughtError = run.events("StateFailed").stream().mapToInt(e -> bytes(e.path("cause").asText())).max().orElse(0);
        long history = modelledHistory(run);
        System.out.printf("large batch: %d topics in %d s; input %d bytes, output %d bytes, largest state payload %d bytes (%s %s), "
                + "largest error cause %d bytes; %d engine events, %d history events by the model%n", TOPICS, took.toSeconds(),
                input, output, largestPayload(largest), largest.path("type").asText(), largest.path("state").asText(), caughtError,
                run.events().size(), history);

        assertThat(input).as("the request is near the intake's 128 KB").isGreaterThan(120 * 1024);
        assertThat(largestPayload(largest)).isLessThan(PAYLOAD_QUOTA);
        assertThat(output).isLessThan(PAYLOAD_QUOTA);
        assertThat(history).isLessThan(WorkflowLimitsTest.HISTORY_QUOTA);
    }

    /** 50 topics, each with an inline schema padded to about {@code schemaBytes}. */
    private static String batch(int schemaBytes) {
        ObjectNode detail = JSON.createObjectNode();
        ArrayNode topics = detail.putArray("topics");
        for (int i = 0; i < TOPICS; i++) {
            ObjectNode topic = topics.addObject().put("name", "batch-%02d".formatted(i)).put("partitions", 3);
            topic.putObject("configs").put("retention.ms", "604800000");
            ObjectNode schema = topic.putObject("schema").putObject("inline").put("type", "object")
                    .put("description", "d".repeat(schemaBytes));
            schema.putObject("properties").putObject("id").put("type", "string");
        }
        return detail.toString();
    }

    /**
     * What Step Functions would have written for this run, by WorkflowLimitsTest's model applied to what happened: a
     * visit per state entered, three events per Task attempt (entered once, then retried), two per Map and per iteration.
     */
    private static long modelledHistory(ExecutionResult run) {
        Set<String> tasks = run.events("StateEntered").stream().filter(e -> e.path("stateType").asText().equals("Task"))
                .map(e -> e.path("state").asText()).collect(Collectors.toSet());
        long visits = run.events("StateEntered").size();
        long attempts = run.events("StateEntered").stream().filter(e -> tasks.contains(e.path("state").asText())).count()
                + run.events("StateRetried").size();
        long maps = run.events("StateEntered").stream().filter(e -> e.path("stateType").asText().equals("Map")).count();
        long iterations = run.events("MapIterationStarted").size();
        return EXECUTION_EVENTS + visits * STATE_VISIT_EVENTS + attempts * TASK_ATTEMPT_EVENTS + maps * MAP_RUN_EVENTS
                + iterations * MAP_ITERATION_EVENTS;
    }

    private static int largestPayload(JsonNode event) {
        return Math.max(bytes(event.path("input")), bytes(event.path("output")));
    }

    private static int bytes(JsonNode node) {
        return node.isMissingNode() ? 0 : node.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private Map<String, String> outcomesByTopic() {
        List<JsonNode> events = bed.outcomeEvents();
        outcomes.addAll(events);
        return events.stream().collect(Collectors.toMap(e -> e.path("detail").path("topic").asText(), e -> e.path("detail-type").asText()));
    }

    /** Another team's schema, registered straight through the Schema Registry API. */
    private static void registerSchema(String subject, String schema) throws Exception {
        String request = JSON.createObjectNode().put("schemaType", "JSON").put("schema", schema).toString();
        HttpResponse<String> response = confluentHttp.send("POST", bed.confluent.schemaRegistryUrl() + "/subjects/" + subject + "/versions",
                CloudHttp.basic(bed.confluent.createSchemaRegistryApiKey()), request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
