package dev.tableflow.onboarding.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.aws.AwsCalls;
import dev.tableflow.onboarding.aws.EventBus;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.RetryableException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.onboarding.OnboardingPlan;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A topic's outcome, one per topic, on the project's bus: {@code TopicOnboarded} with the table and the resource
 * ids, or {@code TopicOnboardingFailed} with the step, the resource and the cause; for offboarding
 * {@code TopicOffboarded} or {@code TopicOffboardingFailed} the same way; for the environment teardown, which has
 * no topic, {@code TableflowTeardownCompleted} or {@code TableflowTeardownFailed}; for a dry run one
 * {@code TopicOnboardingPlanned} for the whole request.
 */
@ApplicationScoped
public class PublishOutcome {

    public static final String STEP = "PublishOutcome";
    public static final String SOURCE = "tableflow.onboarding";
    public static final String ONBOARDED = "TopicOnboarded";
    public static final String FAILED = "TopicOnboardingFailed";
    public static final String PLANNED = "TopicOnboardingPlanned";
    public static final String OFFBOARDED = "TopicOffboarded";
    public static final String OFFBOARDING_FAILED = "TopicOffboardingFailed";
    public static final String TEARDOWN_COMPLETED = "TableflowTeardownCompleted";
    public static final String TEARDOWN_FAILED = "TableflowTeardownFailed";

    /**
     * {@code error} is the workflow's caught error when the topic failed; {@code table} and {@code resources} when it
     * did not. {@code offboarding} is true for the offboarding workflow's outcomes, {@code teardown} for the teardown's
     * (no topic then). {@code plan} is a dry run's, the whole request's in one {@code TopicOnboardingPlanned} event
     * ({@link OnboardingPlan}).
     */
    public record Input(String topic, JsonNode table, JsonNode resources, JsonNode error, boolean offboarding, boolean teardown,
            JsonNode plan, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String topic, String detailType, String eventId) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnvironmentSettings settings;
    private final EventBus events;

    public PublishOutcome(EnvironmentSettings settings, EventBus events) {
        this.settings = settings;
        this.events = events;
    }

    public Output run(Input input) {
        if (input.plan() != null && !input.plan().isNull()) {
            StepContext context = new StepContext(STEP, "plan of " + Rules.abbreviate(input.plan().path("execution").asText("?")));
            return new Output(null, PLANNED, put(context, PLANNED, OnboardingPlan.detail(settings.config().environmentName(), input.plan())));
        }
        boolean failed = input.error() != null && !input.error().isNull();
        String named = input.topic() == null ? null : Rules.abbreviate(input.topic());
        StepContext context = new StepContext(STEP, input.teardown() ? "outcome of the teardown" : "outcome of topic " + named);
        // A failure is published whatever the topic field holds: a malformed name may be what failed.
        String topic = input.teardown() ? null
                : failed ? named : Rules.require(context, "topic", input.topic(), Rules.TOPIC_NAME, "a Kafka topic name");
        ObjectNode detail = JSON.createObjectNode().put("environment", settings.config().environmentName());
        if (topic != null) {
            detail.put("topic", topic);
        }
        String detailType;
        if (failed) {
            Failure failure = Failure.from(input.error());
            detailType = input.teardown() ? TEARDOWN_FAILED : input.offboarding() ? OFFBOARDING_FAILED : FAILED;
            detail.put("step", failure.step()).put("resource", failure.resource()).put("cause", failure.cause()).put("errorType", failure.errorType());
        } else {
            detailType = input.teardown() ? TEARDOWN_COMPLETED : input.offboarding() ? OFFBOARDED : ONBOARDED;
            if (input.table() != null) {
                detail.set("table", input.table());
            }
            detail.set("resources", input.resources());
        }
        return new Output(topic, detailType, put(context, detailType, detail));
    }

    private String put(StepContext context, String detailType, ObjectNode detail) {
        String bus = settings.eventBusName(context);
        EventBus.Put put = AwsCalls.call(context, () -> events.put(bus, SOURCE, detailType, detail.toString()));
        if (!put.accepted()) {
            throw new RetryableException(context, "EventBridge refused the event: " + put.errorCode() + " " + put.errorMessage(), null);
        }
        return put.eventId();
    }
}
