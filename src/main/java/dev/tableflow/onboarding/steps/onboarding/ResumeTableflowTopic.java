package dev.tableflow.onboarding.steps.onboarding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.aws.AwsCalls;
import dev.tableflow.onboarding.aws.EventBus;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.ObjectRef;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.RetryableException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.StepException;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.request.ResumeRequest;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.ManagedTopics;
import dev.tableflow.onboarding.steps.PublishOutcome;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Resumes TableFlow on a topic it suspended ({@code TopicResumeRequested}), once the cause is fixed: TableFlow pauses a
 * topic on a record it cannot convert in SUSPEND error-handling mode, and on catalog or storage access errors and
 * invalid schema changes in any mode, and only a PATCH of {@code spec.suspended: false} resumes it. Only a topic in
 * the stack's record is resumed; one not suspended is left alone (a re-run writes nothing). Answered on the bus by
 * {@code TopicResumed} (UPDATED, or UNCHANGED when it was running) or, for a refused or failed request,
 * {@code TopicResumeFailed}; a retryable error is left to EventBridge's retries of the invocation.
 */
@ApplicationScoped
public class ResumeTableflowTopic {

    public static final String STEP = "ResumeTableflowTopic";
    public static final String RESUMED = "TopicResumed";
    public static final String RESUME_FAILED = "TopicResumeFailed";

    private static final Logger LOG = Logger.getLogger(ResumeTableflowTopic.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(String id, @JsonProperty("detail-type") String detailType, JsonNode detail, Invocation invocation)
            implements Invocation.Carrier {}

    /** @param suspendedBecause Confluent's cause of the suspension that was lifted; null when the topic was running */
    public record Output(String topic, Outcome outcome, String suspendedBecause, String writeMode) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;
    private final ManagedTopics managed;
    private final EventBus events;

    public ResumeTableflowTopic(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow,
            ManagedTopics managed, EventBus events) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
        this.managed = managed;
        this.events = events;
    }

    public Output run(Input input) {
        JsonNode named = input.detail() == null ? null : input.detail().get("topic");
        StepContext context = new StepContext(STEP, "TableFlow topic " + (named == null ? "?" : Rules.abbreviate(named.asText())));
        try {
            ResumeRequest request = ResumeRequest.parse(context, input.detail());
            Output output = resume(context, request.topic());
            publish(context, RESUMED, detail(request.topic(), request.requestId())
                    .put("outcome", output.outcome().name())
                    .put("suspendedBecause", output.suspendedBecause())
                    .put("writeMode", output.writeMode()), true);
            return output;
        } catch (InvalidInputException | TerminalException e) {
            publish(context, RESUME_FAILED, detail(named == null ? null : Rules.abbreviate(named.asText()), requestId(input.detail()))
                    .put("step", STEP).put("resource", context.resource()).put("cause", e.problem())
                    .put("errorType", e.getClass().getName()), false);
            throw e;
        }
    }

    /** Look up (the record, then TableFlow) → decide (suspended?) → act (PATCH suspended false) → report. */
    private Output resume(StepContext context, String topic) {
        managed.require(context, topic);
        String auth = keys.tableflow(context).basicAuthorization();
        String environment = settings.config().confluentEnvironmentId();
        String cluster = settings.config().kafkaClusterId();
        TableflowTopic found = calls.find(context, () -> tableflow.tableflowTopic(auth, topic, environment, cluster))
                .orElseThrow(() -> new TerminalException(context, "TableFlow is not enabled on the topic: onboard it again to enable it"));
        if (!found.isSuspended()) {
            return new Output(topic, Ensure.report(context, topic, Outcome.UNCHANGED).outcome(), null, found.writeMode());
        }
        String cause = found.status() == null ? null : found.status().errorMessage();
        TableflowTopic resumed = calls.write(context, () -> tableflow.resumeTableflowTopic(auth, topic, new TableflowTopic.ResumeRequest(
                new TableflowTopic.Resume(false, ObjectRef.of(environment), ObjectRef.inEnvironment(cluster, environment)))));
        return new Output(topic, Ensure.report(context, topic, Outcome.UPDATED).outcome(), cause, resumed.writeMode());
    }

    private ObjectNode detail(String topic, Optional<String> requestId) {
        ObjectNode detail = JSON.createObjectNode().put("environment", settings.config().environmentName()).put("topic", topic);
        requestId.ifPresent(id -> detail.put("requestId", id));
        return detail;
    }

    private static Optional<String> requestId(JsonNode detail) {
        JsonNode id = detail == null ? null : detail.get("requestId");
        return id != null && id.isTextual() ? Optional.of(Rules.abbreviate(id.asText())) : Optional.empty();
    }

    /**
     * The answer on the bus. A resume's is required (a refused PutEvents fails the invocation, whose retry finds the
     * topic running and answers UNCHANGED); a failure's is best effort, since the failure stays the invocation's error.
     */
    private void publish(StepContext context, String detailType, ObjectNode detail, boolean required) {
        try {
            String bus = settings.eventBusName(context);
            EventBus.Put put = AwsCalls.call(context, () -> events.put(bus, PublishOutcome.SOURCE, detailType, detail.toString()));
            if (!put.accepted() && required) {
                throw new RetryableException(context, "EventBridge refused the event: " + put.errorCode() + " " + put.errorMessage(), null);
            } else if (!put.accepted()) {
                LOG.warnf("%s: EventBridge refused the %s event: %s %s", context, detailType, put.errorCode(), put.errorMessage());
            }
        } catch (StepException e) {
            if (required) {
                throw e;
            }
            LOG.warnf("%s: the %s event was not published: %s", context, detailType, e.getMessage());
        }
    }
}
