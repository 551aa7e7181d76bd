package dev.tableflow.onboarding.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.request.OnboardingRequest;
import dev.tableflow.onboarding.steps.Readiness;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.PublishOutcome;
import dev.tableflow.onboarding.steps.onboarding.EnsureKafkaApiKey;
import dev.tableflow.onboarding.steps.onboarding.EnsureSchemaRegistryApiKey;
import dev.tableflow.onboarding.testbed.lambda.FunctionSpec;
import dev.tableflow.onboarding.testbed.lambda.SamTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Step Functions' hard limits against the workflows as written: a standard execution fails when its history reaches
 * 25,000 events, and any state's input or output over 262,144 bytes (UTF-8) fails the execution. Both bounds are
 * computed from the ASL files and template.yaml as they are, so raising a MaxAttempts, MAX_TOPICS or a size limit
 * past what the quotas allow fails this test, not a deployment.
 * <p>
 * The history model, per AWS's HistoryEvent reference and histories recorded against AWS (LocalStack's Lambda task
 * snapshots): an execution writes ExecutionStarted and ExecutionSucceeded/Failed; every state visit writes
 * {@code <Type>StateEntered} and {@code <Type>StateExited} (a Fail state only FailStateEntered); every attempt of a
 * Task whose resource is a Lambda function ARN writes LambdaFunctionScheduled, LambdaFunctionStarted and
 * LambdaFunctionSucceeded/Failed/TimedOut (a retry adds no event of its own: the next attempt's three are it); an
 * inline Map writes MapStateStarted and MapStateSucceeded/Failed, and per iteration MapIterationStarted and
 * MapIterationSucceeded/Failed, with every event of its iterations' states in the same history. Each count is the
 * most a step can write: the bound overestimates, never underestimates.
 */
class WorkflowLimitsTest {

    static final int HISTORY_QUOTA = 25_000;
    static final int PAYLOAD_QUOTA = 262_144;
    static final int EXECUTION_EVENTS = 2;
    static final int STATE_VISIT_EVENTS = 2;
    static final int TASK_ATTEMPT_EVENTS = 3;
    static final int MAP_RUN_EVENTS = 2;
    static final int MAP_ITERATION_EVENTS = 2;
    /** ASL defaults when a retrier leaves them out. */
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final double DEFAULT_INTERVAL_SECONDS = 1;
    static final double DEFAULT_BACKOFF_RATE = 2.0;
    static final String NOT_READY = "dev.tableflow.onboarding.errors.NotReadyException";
    private static final Pattern FUNCTION_PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)Arn}");
    private static final Pattern ABOUT_MINUTES = Pattern.compile("bounded at about (\\d+) minutes");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, FunctionSpec> functions;
    private static int maxTopics;
    private static int maxRequestBytes;

    @BeforeAll
    static void load() throws ReflectiveOperationException {
        functions = SamTemplate.load(Path.of("template.yaml")).functions();
        maxTopics = constant("MAX_TOPICS");
        maxRequestBytes = constant("MAX_REQUEST_BYTES");
    }

    /** The worst a part of a workflow can cost: history events, wall-clock seconds, seconds spent polling for readiness. */
    record Cost(long events, double seconds, double pollingSeconds) {
        static final Cost NONE = new Cost(0, 0, 0);

        Cost plus(Cost other) {
            return new Cost(events + other.events, seconds + other.seconds, pollingSeconds + other.pollingSeconds);
        }

        Cost times(long n) {
            return new Cost(events * n, seconds * n, pollingSeconds * n);
        }
    }

    // ----- history and duration

    @Test
    void theLargestBatchTheIntakeAcceptsIsTheOneBounded() {
        assertThat(maxTopics).isEqualTo(50);
        assertThat(OnboardingRequest.parse(new StepContext("Test", "request"), batch(maxTopics)).topics()).hasSize(maxTopics);
        assertThatThrownBy(() -> OnboardingRequest.parse(new StepContext("Test", "request"), batch(maxTopics + 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("invalid topics:");
    }

    @Test
    void theLongestPossibleRunsStayUnderTheHistoryQuota() throws IOException {
        Cost bootstrap = execution("bootstrap", 0);
        Cost onboarding = execution("onboarding", maxTopics);
        Cost perTopic = iteration("onboarding", "OnboardTopics");
        Cost environment = execution("onboarding", 0);

        System.out.printf("limits: bootstrap at most %d events, %.0f s if every attempt times out, %.0f s of readiness polling%n",
                bootstrap.events(), bootstrap.seconds(), bootstrap.pollingSeconds());
        System.out.printf("limits: onboarding of %d topics at most %d events (%d per topic, %d outside the Map), %.0f s worst case, "
                + "%.0f s of readiness polling%n", maxTopics, onboarding.events(), perTopic.events() + MAP_ITERATION_EVENTS,
                environment.events(), onboarding.seconds(), onboarding.pollingSeconds());
        System.out.printf("limits: the history quota would allow %d topics%n",
                (HISTORY_QUOTA - 1 - environment.events()) / (perTopic.events() + MAP_ITERATION_EVENTS));

        assertThat(bootstrap.events()).isLessThan(HISTORY_QUOTA);
        assertThat(onboarding.events()).as("a %d-topic batch in the worst case", maxTopics).isLessThan(HISTORY_QUOTA);
        assertThat(onboarding.seconds()).as("under a standard execution's one-year limit").isLessThan(Duration.ofDays(365).toSeconds());
    }

    @Test
    void theReadinessWaitsLastWhatTheStateMachinesSay() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String workflow : List.of("bootstrap", "onboarding")) {
            allStates(definition(workflow).path("States")).forEach((name, state) -> {
                Matcher about = ABOUT_MINUTES.matcher(state.path("Comment").asText());
                if (about.find()) {
                    double polling = taskCost(state).pollingSeconds();
                    System.out.printf("limits: %s polls for readiness for up to %.1f minutes%n", name, polling / 60);
                    assertThat(polling / 60).as(name + ": " + state.path("Comment").asText())
                            .isCloseTo(Double.parseDouble(about.group(1)), within(Double.parseDouble(about.group(1)) * 0.1));
                    checked.add(name);
                }
            });
        }
        assertThat(checked).contains("CheckTableflowApiKey", "CheckCatalogIntegration", "CheckKafkaApiKey", "CheckTableflowTopic");
    }

    /**
     * Step Functions reports a function that timed out or ran out of memory as {@code Lambda.Unknown}, and AWS recommends
     * retrying {@code Lambda.ClientExecutionTimeoutException} with Lambda's other service errors (Step Functions developer
     * guide, "Handle Lambda service exceptions"): every Task retries both with its transient errors. Without
     * TimeoutSeconds a Task whose invocation is lost waits 99,999,999 s; each has one, past its function's own timeout so
     * the function's deadline (http/Deadline) always speaks first.
     */
    @Test
    void everyTaskRetriesALambdaTimeoutOrOutOfMemoryAndHasATimeoutPastItsFunctions() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String workflow : List.of("bootstrap", "onboarding", "offboarding", "teardown")) {
            allStates(definition(workflow).path("States")).forEach((name, state) -> {
                if (!state.path("Type").asText().equals("Task")) {
                    return;
                }
                List<String> retried = new ArrayList<>();
                state.path("Retry").forEach(retrier -> retrier.path("ErrorEquals").forEach(error -> retried.add(error.asText())));
                assertThat(retried).as(workflow + "." + name + " retries").contains("Lambda.Unknown", "Lambda.ClientExecutionTimeoutException",
                        "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException");
                assertThat(state.path("TimeoutSeconds").asDouble()).as(workflow + "." + name + " TimeoutSeconds")
                        .isGreaterThan(functionTimeout(state.path("Resource").asText()).toSeconds());
                checked.add(name);
            });
        }
        assertThat(checked).hasSizeGreaterThan(30);
    }

    /** The worst run of a workflow's top level, with {@code items} topics in each Map. */
    private static Cost execution(String workflow, int items) throws IOException {
        JsonNode definition = definition(workflow);
        return new Cost(EXECUTION_EVENTS, 0, 0).plus(worstPath(definition.path("States"), definition.path("StartAt").asText(), items,
                new HashSet<>()));
    }

    private static Cost iteration(String workflow, String map) throws IOException {
        JsonNode processor = definition(workflow).path("States").path(map).path("ItemProcessor");
        return worstPath(processor.path("States"), processor.path("StartAt").asText(), 0, new HashSet<>());
    }

    /** The costliest path from {@code name} to an end, over Next and every Catch (the workflows have no loops). */
    private static Cost worstPath(JsonNode states, String name, int items, Set<String> onPath) {
        assertThat(onPath.add(name)).as("a loop through " + name + ": the bound needs a loop limit").isTrue();
        JsonNode state = states.path(name);
        Cost own = switch (state.path("Type").asText()) {
            case "Task" -> taskCost(state);
            case "Map" -> mapCost(state, items);
            case "Fail" -> new Cost(1, 0, 0);
            case "Pass", "Succeed", "Choice" -> new Cost(STATE_VISIT_EVENTS, 0, 0);
            default -> throw new AssertionError("no cost model for a " + state.path("Type").asText() + " state (" + name + ")");
        };
        List<String> next = new ArrayList<>();
        if (state.has("Next")) {
            next.add(state.path("Next").asText());
        }
        state.path("Catch").forEach(c -> next.add(c.path("Next").asText()));
        state.path("Choices").forEach(c -> next.add(c.path("Next").asText()));
        if (state.has("Default")) {
            next.add(state.path("Default").asText());
        }
        Cost worstAfter = next.stream().map(n -> worstPath(states, n, items, new HashSet<>(onPath)))
                .reduce((a, b) -> a.events() >= b.events() ? a : b).orElse(Cost.NONE);
        return own.plus(worstAfter);
    }

    /**
     * Every retrier spent: each has its own attempt count, so a step can fail MaxAttempts times per retrier plus the
     * first try. Each attempt may run until the function's timeout; each retry waits its full backoff (FULL jitter only
     * ever shortens it). A readiness step that polls in process (it is given {@code waitingSince}, steps/Readiness)
     * also waits up to {@link Readiness#PER_INVOCATION} in each of its attempts: its first and each NotReady retry.
     */
    private static Cost taskCost(JsonNode task) {
        long attempts = 1;
        double waits = 0;
        double polling = 0;
        for (JsonNode retrier : task.path("Retry")) {
            int maxAttempts = retrier.path("MaxAttempts").asInt(DEFAULT_MAX_ATTEMPTS);
            double interval = retrier.path("IntervalSeconds").asDouble(DEFAULT_INTERVAL_SECONDS);
            double rate = retrier.path("BackoffRate").asDouble(DEFAULT_BACKOFF_RATE);
            double cap = retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE);
            double retrierWaits = IntStream.range(0, maxAttempts).mapToDouble(k -> Math.min(interval * Math.pow(rate, k), cap)).sum();
            attempts += maxAttempts;
            waits += retrierWaits;
            boolean readiness = false;
            for (JsonNode error : retrier.path("ErrorEquals")) {
                readiness |= error.asText().equals(NOT_READY);
            }
            if (readiness) {
                polling += retrierWaits;
                if (task.path("Parameters").has("waitingSince.$")) {
                    polling += (1 + maxAttempts) * Readiness.PER_INVOCATION.toSeconds();
                }
            }
        }
        double timeout = functionTimeout(task.path("Resource").asText()).toSeconds();
        if (task.has("TimeoutSeconds")) {
            timeout = Math.min(timeout, task.path("TimeoutSeconds").asDouble());
        }
        return new Cost(STATE_VISIT_EVENTS + TASK_ATTEMPT_EVENTS * attempts, attempts * timeout + waits, polling);
    }

    /** Iterations run MaxConcurrency at a time; each costs its worst path through the item processor. */
    private static Cost mapCost(JsonNode map, int items) {
        JsonNode processor = map.path("ItemProcessor");
        Cost each = worstPath(processor.path("States"), processor.path("StartAt").asText(), items, new HashSet<>());
        int concurrency = map.path("MaxConcurrency").asInt(0);
        long waves = concurrency == 0 ? 1 : (items + concurrency - 1) / concurrency;
        Cost events = new Cost(STATE_VISIT_EVENTS + MAP_RUN_EVENTS + (long) items * (MAP_ITERATION_EVENTS + each.events()), 0, 0);
        return events.plus(new Cost(0, each.seconds(), each.pollingSeconds()).times(waves));
    }

    private static Duration functionTimeout(String resource) {
        Matcher placeholder = FUNCTION_PLACEHOLDER.matcher(resource);
        assertThat(placeholder.matches()).as("a Lambda function placeholder: " + resource).isTrue();
        FunctionSpec function = functions.get(placeholder.group(1));
        assertThat(function).as("template.yaml declares " + placeholder.group(1)).isNotNull();
        return function.timeout();
    }

    // ----- payloads

    /**
     * The largest request the intake accepts, with the longest names and values, travels as the execution's input; the
     * state after the Map adds the environment's keys and one outcome per topic. All of it must fit in 256 KB.
     */
    @Test
    void theLargestAcceptedRequestAndEverythingTheWorkflowAddsStayUnderThePayloadQuota() throws IOException {
        JsonNode request = largestAcceptedRequest();
        String canonical = OnboardingRequest.parse(new StepContext("Test", "request"), request).canonicalJson();
        int input = bytes(canonical);
        assertThat(input).as("the request fills the intake's limit").isBetween(maxRequestBytes - 1024, maxRequestBytes);

        ObjectNode state = (ObjectNode) JSON.readTree(canonical);
        state.set("kafka", JSON.valueToTree(new EnsureKafkaApiKey.Output("K".repeat(16),
                "tableflow-onboarding/" + "e".repeat(20) + "/tableflow-topic-key", Outcome.REPLACED, null)));
        state.set("schemaRegistry", JSON.valueToTree(new EnsureSchemaRegistryApiKey.Output("S".repeat(16),
                "tableflow-onboarding/" + "e".repeat(20) + "/schema-registry-key", Outcome.REPLACED, null)));
        ArrayNode outcomes = state.putArray("outcomes");
        request.path("topics").forEach(topic -> outcomes.add(JSON.valueToTree(
                new PublishOutcome.Output(topic.path("name").asText(), PublishOutcome.FAILED, UUID.randomUUID().toString()))));
        int finalState = bytes(state.toString());

        System.out.printf("limits: largest accepted request %d bytes; state after the Map %d bytes (%d for %d outcomes); quota %d%n",
                input, finalState, bytes(outcomes.toString()), outcomes.size(), PAYLOAD_QUOTA);
        assertThat(finalState).isLessThan(PAYLOAD_QUOTA);
        // One topic alone can fill the whole request, and an iteration's state carries its topic plus one caught error:
        // what is left is the room for that error's document (its size in practice: LargeBatchIT).
        System.out.printf("limits: an iteration's state leaves at least %d bytes for a caught error%n", PAYLOAD_QUOTA - input - 2048);
        assertThat(PAYLOAD_QUOTA - input - 2048).isGreaterThan(100 * 1024);
    }

    /**
     * MAX_TOPICS topics with 249-character names, each with an inline schema padded until the canonical request is as
     * large as the intake accepts.
     */
    static JsonNode largestAcceptedRequest() {
        int low = 0;
        int high = maxRequestBytes;
        while (low < high) {
            int padding = (low + high + 1) / 2;
            if (accepted(batchOf(padding))) {
                low = padding;
            } else {
                high = padding - 1;
            }
        }
        return batchOf(low);
    }

    private static JsonNode batchOf(int paddingPerTopic) {
        ObjectNode detail = JSON.createObjectNode();
        ArrayNode topics = detail.putArray("topics");
        for (int i = 0; i < maxTopics; i++) {
            String prefix = "t" + i + "-";
            ObjectNode topic = topics.addObject().put("name", prefix + "x".repeat(249 - prefix.length()));
            topic.putObject("schema").putObject("inline").put("type", "object").put("description", "d".repeat(paddingPerTopic));
        }
        return detail;
    }

    private static boolean accepted(JsonNode detail) {
        try {
            OnboardingRequest.parse(new StepContext("Test", "request"), detail);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static JsonNode batch(int topics) {
        return JSON.valueToTree(Map.of("topics", IntStream.range(0, topics)
                .mapToObj(i -> Map.of("name", "topic-" + i, "schema", Map.of("name", "topic2-value"))).collect(Collectors.toList())));
    }

    // ----- helpers

    private static JsonNode definition(String workflow) throws IOException {
        return JSON.readTree(Files.readString(Path.of("statemachine", workflow + ".asl.json")));
    }

    private static Map<String, JsonNode> allStates(JsonNode states) {
        Map<String, JsonNode> all = new HashMap<>();
        states.properties().forEach(state -> {
            all.put(state.getKey(), state.getValue());
            if (state.getValue().has("ItemProcessor")) {
                all.putAll(allStates(state.getValue().path("ItemProcessor").path("States")));
            }
        });
        return all;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The intake's limits are package-private constants of the parser; the test reads them rather than copy them. */
    private static int constant(String name) throws ReflectiveOperationException {
        var field = OnboardingRequest.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.getInt(null);
    }
}
