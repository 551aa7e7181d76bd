package dev.tableflow.onboarding.steps.onboarding;

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
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.StepException;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.request.OnboardingRequest;
import dev.tableflow.onboarding.runtime.StrictJson;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.PublishOutcome;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/**
 * Intake of {@code TopicOnboardingRequested}: validates the whole request before anything is created, then starts
 * one onboarding execution for it. Duplicates collapse into one execution because its name is derived from the
 * request: an explicit {@code requestId} when the caller gives one, otherwise the request's canonical content and
 * the ten minutes of the clock its event's time falls in (so an identical request made later, e.g. to retry a
 * failure, runs again). Step Functions treats a start with the name and input of a running execution as that
 * execution, which makes the start itself the lock; an ended one is read back and adopted when its input is this
 * request's, and the same name with another input means a reused requestId, which is refused.
 * <p>
 * A refused request is answered on the project's bus ({@code OnboardingRequestRejected}, naming the field), as a
 * topic's outcome is: whoever sent it learns what to fix without reading this function's logs.
 */
@ApplicationScoped
public class StartOnboarding {

    public static final String STEP = "StartOnboarding";
    public static final String REJECTED = "OnboardingRequestRejected";
    private static final Logger LOG = Logger.getLogger(StartOnboarding.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(10);

    /** An EventBridge event as delivered to a Lambda target. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(String id, @JsonProperty("detail-type") String detailType, String time, JsonNode detail) {}

    public record Output(String executionName, String executionArn, int topics) {}

    private final EnvironmentSettings settings;
    private final StepFunctions stepFunctions;
    private final EventBus events;

    private final ObjectMapper reader;

    public StartOnboarding(EnvironmentSettings settings, StepFunctions stepFunctions, EventBus events, ObjectMapper reader) {
        this.settings = settings;
        this.stepFunctions = stepFunctions;
        this.events = events;
        this.reader = reader;
    }

    /**
     * The event as Lambda delivers it, read here rather than by the runtime: an event the strict reader refuses (a key
     * given twice, nesting too deep, not JSON at all) is bad input like any other, named and answered on the bus.
     */
    public Output run(byte[] event) {
        Input input;
        try (JsonParser parser = reader.createParser(event)) {
            try {
                input = reader.readValue(parser, Input.class);
            } catch (JsonProcessingException e) {
                StepContext context = new StepContext(STEP, "onboarding request ?");
                InvalidInputException refused = StrictJson.refusal(context, "detail", parser, e);
                publishRejection(context, null, refused);
                throw refused;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array
        }
        if (input == null) {
            input = new Input(null, null, null, null);
        }
        return run(input);
    }

    Output run(Input input) {
        // The id is the sender's to choose when they invoke us directly: bounded like any value we echo.
        StepContext context = new StepContext(STEP, "onboarding request " + Rules.abbreviate(String.valueOf(input.id())));
        try {
            return start(context, input);
        } catch (InvalidInputException refused) {
            publishRejection(context, input, refused);
            throw refused;
        }
    }

    private Output start(StepContext context, Input input) {
        OnboardingRequest request = OnboardingRequest.parse(context, input.detail());
        long window = window(context, input.time());
        String stateMachine = settings.config().onboardingStateMachineArn().orElseThrow(() -> new InvalidInputException(context,
                "TABLEFLOW_ONBOARDING_STATE_MACHINE_ARN", "missing; template.yaml sets it on this function"));
        String requestId = input.detail().path("requestId").asText("");
        String name = requestId.isEmpty() ? executionName(request.canonicalJson() + "@" + window) : requestExecutionName(requestId);
        try {
            String arn = AwsCalls.call(context, () -> stepFunctions.startExecution(stateMachine, name, request.canonicalJson()));
            Ensure.report(context, name, Ensure.Outcome.CREATED);
            return new Output(name, arn, request.topics().size());
        } catch (TerminalException e) {
            if (!(e.getCause() instanceof AwsApiException api && api.is(StepFunctions.ALREADY_EXISTS))) {
                throw e;
            }
            // Also the answer once the execution has ended: the same request is that execution, another is a reused requestId.
            String arn = StepFunctions.executionArn(stateMachine, name);
            if (!request.canonicalJson().equals(AwsCalls.call(context, () -> stepFunctions.executionInput(arn)))) {
                throw new InvalidInputException(context, "requestId", "\"" + requestId + "\" was already used for a different request");
            }
            Ensure.report(context, name, Ensure.Outcome.ADOPTED);
            return new Output(name, arn, request.topics().size());
        }
    }

    /**
     * {@code request} is the EventBridge id PutEvents gave the sender. Lambda retries a failed asynchronous invocation
     * twice, so the same rejection may arrive up to three times. Publishing is best effort: the refusal stays the
     * invocation's error whatever happens here.
     */
    private void publishRejection(StepContext context, Input input, InvalidInputException refused) {
        ObjectNode detail = JSON.createObjectNode().put("environment", settings.config().environmentName())
                .put("request", input == null || input.id() == null ? null : Rules.abbreviate(input.id()));
        JsonNode requestId = input == null || input.detail() == null ? null : input.detail().get("requestId");
        if (requestId != null && requestId.isTextual()) {
            detail.put("requestId", Rules.abbreviate(requestId.asText()));
        }
        detail.put("step", STEP).put("resource", context.resource()).put("cause", refused.problem())
                .put("errorType", InvalidInputException.class.getName());
        try {
            String bus = settings.eventBusName(context);
            EventBus.Put put = AwsCalls.call(context, () -> events.put(bus, PublishOutcome.SOURCE, REJECTED, detail.toString()));
            if (!put.accepted()) {
                LOG.warnf("%s: EventBridge refused the rejection event: %s %s", context, put.errorCode(), put.errorMessage());
            }
        } catch (StepException e) {
            LOG.warnf("%s: the rejection was not published: %s", context, e.getMessage());
        }
    }

    /** EventBridge stamps every event with its time (ISO 8601, UTC); a direct invocation may leave it out, not garble it. */
    static long window(StepContext context, String time) {
        Instant at;
        try {
            at = time == null ? Instant.now() : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(context, "time", "\"" + Rules.abbreviate(time) + "\" is not a timestamp like 2026-12-07T10:00:00Z");
        }
        return at.getEpochSecond() / DEDUPLICATION_WINDOW.toSeconds();
    }

    /** The execution a request with {@code requestId} starts: the CLI follows it (src/cli, README "Command line"). */
    public static String requestExecutionName(String requestId) {
        return executionName("request:" + requestId);
    }

    /** Execution names allow 80 characters of letters, digits, '-' and '_'. */
    static String executionName(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "onboard-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
