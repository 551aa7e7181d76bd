package dev.tableflow.onboarding.steps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.aws.AwsApiException;
import dev.tableflow.onboarding.aws.AwsCalls;
import dev.tableflow.onboarding.aws.EventBus;
import dev.tableflow.onboarding.aws.StepFunctions;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.StepException;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.runtime.StrictJson;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every intake does with a request the project's bus hands it (StartOnboarding, AcceptOffboardingRequest,
 * AcceptTeardownRequest): it reads the event's bytes itself, strictly ({@link StrictJson}: a key given twice or nesting
 * too deep is refused naming the field, where EventBridge or Step Functions would have kept the last key), lets its
 * step validate the request with the workflow's own rules, then starts one execution named after the request, and
 * answers a refused request on the bus with a rejection event naming the field.
 */
@ApplicationScoped
public class RequestIntake {

    private static final Logger LOG = Logger.getLogger(RequestIntake.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An EventBridge event as delivered to a Lambda target. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(String id, @JsonProperty("detail-type") String detailType, String time, JsonNode detail) {}

    /**
     * One intake: its step's name, what its requests are called in its errors ("onboarding request"), the detail-type
     * of its rejection event, the prefix of its executions' names, the workflow it starts (and the variable
     * template.yaml sets it in, on that intake only), and what it makes of a valid request: the execution's input.
     */
    public record Intake(String step, String request, String rejected, String executionPrefix,
            Function<TableflowConfig, Optional<String>> stateMachine, String stateMachineVariable, Validation validation) {}

    /** Validates an event's request by the workflow's rules; returns the execution's input, the request as read. */
    @FunctionalInterface
    public interface Validation {
        String input(StepContext context, Event event);
    }

    /** The execution started for a request, or found started for the same request. */
    public record Started(String executionName, String executionArn, Ensure.Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final StepFunctions stepFunctions;
    private final EventBus events;
    private final ObjectMapper reader;

    public RequestIntake(EnvironmentSettings settings, StepFunctions stepFunctions, EventBus events, ObjectMapper reader) {
        this.settings = settings;
        this.stepFunctions = stepFunctions;
        this.events = events;
        this.reader = reader;
    }

    /**
     * The intake of a workflow whose executions are named after the event id: EventBridge may deliver an event more
     * than once, with its id, and every delivery is that one execution. A direct invocation without an id, or with a
     * time that is not a timestamp, is refused like any bad field.
     */
    public Started startPerEvent(Intake intake, byte[] bytes) {
        return handle(intake, bytes, event -> {
            StepContext context = context(intake, event);
            if (event.id() == null || event.id().isBlank()) {
                throw new InvalidInputException(context, "id", "missing; EventBridge gives every event one");
            }
            time(context, event.time());
            String input = intake.validation().input(context, event);
            return start(context, stateMachine(context, intake), executionName(intake.executionPrefix(), event.id()), input, "id", event.id());
        });
    }

    /**
     * Reads {@code bytes} as an event and runs {@code step} on it; an event the strict reader refuses, and any request
     * {@code step} refuses, is answered with the intake's rejection event, then thrown.
     */
    public <T> T handle(Intake intake, byte[] bytes, Function<Event, T> step) {
        Event event = read(intake, bytes);
        try {
            return step.apply(event);
        } catch (InvalidInputException refused) {
            reject(intake, context(intake, event), event, refused);
            throw refused;
        }
    }

    private Event read(Intake intake, byte[] bytes) {
        try (JsonParser parser = reader.createParser(bytes)) {
            try {
                Event event = reader.readValue(parser, Event.class);
                return event == null ? new Event(null, null, null, null) : event;
            } catch (JsonProcessingException e) {
                StepContext context = new StepContext(intake.step(), intake.request() + " ?");
                InvalidInputException refused = StrictJson.refusal(context, "detail", parser, e);
                reject(intake, context, null, refused);
                throw refused;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array
        }
    }

    /** The id is the sender's to choose when they invoke an intake directly: bounded like any value we echo. */
    public static StepContext context(Intake intake, Event event) {
        return new StepContext(intake.step(), intake.request() + " " + Rules.abbreviate(String.valueOf(event.id())));
    }

    /** EventBridge stamps every event with its time (ISO 8601, UTC); a direct invocation may leave it out, not garble it. */
    public static Instant time(StepContext context, String time) {
        try {
            return time == null ? Instant.now() : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(context, "time", "\"" + Rules.abbreviate(time) + "\" is not a timestamp like 2026-12-07T10:00:00Z");
        }
    }

    /** The state machine the intake starts. */
    public String stateMachine(StepContext context, Intake intake) {
        return intake.stateMachine().apply(settings.config()).orElseThrow(() -> new InvalidInputException(context,
                intake.stateMachineVariable(), "missing; template.yaml sets it on this function"));
    }

    /**
     * Starts the execution {@code name} with {@code input}. Step Functions treats a start with the name and input of a
     * running execution as that execution, which makes the start itself the lock; an ended one is read back and
     * adopted when its input is this request's. The same name with another input is refused as {@code field}, whose
     * {@code value} was already used for a different request.
     */
    public Started start(StepContext context, String stateMachine, String name, String input, String field, String value) {
        try {
            String arn = AwsCalls.call(context, () -> stepFunctions.startExecution(stateMachine, name, input));
            Ensure.report(context, name, Ensure.Outcome.CREATED);
            return new Started(name, arn, Ensure.Outcome.CREATED);
        } catch (TerminalException e) {
            if (!(e.getCause() instanceof AwsApiException api && api.is(StepFunctions.ALREADY_EXISTS))) {
                throw e;
            }
            String arn = StepFunctions.executionArn(stateMachine, name);
            if (!input.equals(AwsCalls.call(context, () -> stepFunctions.executionInput(arn)))) {
                throw new InvalidInputException(context, field, "\"" + Rules.abbreviate(value) + "\" was already used for a different request");
            }
            Ensure.report(context, name, Ensure.Outcome.ADOPTED);
            return new Started(name, arn, Ensure.Outcome.ADOPTED);
        }
    }

    /** Execution names allow 80 characters of letters, digits, '-' and '_'. */
    public static String executionName(String prefix, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code request} is the EventBridge id PutEvents gave the sender. Lambda retries a failed asynchronous invocation
     * twice, so the same rejection may arrive up to three times. Publishing is best effort: the refusal stays the
     * invocation's error whatever happens here.
     */
    private void reject(Intake intake, StepContext context, Event event, InvalidInputException refused) {
        ObjectNode detail = JSON.createObjectNode().put("environment", settings.config().environmentName())
                .put("request", event == null || event.id() == null ? null : Rules.abbreviate(event.id()));
        JsonNode requestId = event == null || event.detail() == null ? null : event.detail().get("requestId");
        if (requestId != null && requestId.isTextual()) {
            detail.put("requestId", Rules.abbreviate(requestId.asText()));
        }
        detail.put("step", intake.step()).put("resource", context.resource()).put("cause", refused.problem())
                .put("errorType", InvalidInputException.class.getName());
        try {
            String bus = settings.eventBusName(context);
            EventBus.Put put = AwsCalls.call(context, () -> events.put(bus, PublishOutcome.SOURCE, intake.rejected(), detail.toString()));
            if (!put.accepted()) {
                LOG.warnf("%s: EventBridge refused the rejection event: %s %s", context, put.errorCode(), put.errorMessage());
            }
        } catch (StepException e) {
            LOG.warnf("%s: the rejection was not published: %s", context, e.getMessage());
        }
    }
}
