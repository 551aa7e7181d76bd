package dev.tableflow.onboarding.steps.offboarding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.aws.TopicRegistry.Entry;
import dev.tableflow.onboarding.aws.TopicRegistry.State;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.request.OffboardingRequest;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.ManagedTopics;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Offboarding step 1: TableFlow stops materializing the topic. The request is validated here, before anything is
 * deleted; the normalized request goes on to the optional schema and topic deletions. A topic outside the stack's
 * record, or one whose data is not the stack's when the request asks to delete it, is refused here too, so a
 * refused request deletes nothing at all; the record then says the topic is offboarded.
 */
@ApplicationScoped
public class DisableTableflowTopic {

    public static final String STEP = "DisableTableflowTopic";

    /** @param detailType the detail-type of the event that started the offboarding; absent in the teardown */
    public record Input(JsonNode request, String detailType, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String topic, boolean deleteSchema, boolean deleteTopic, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;
    private final ManagedTopics managed;

    public DisableTableflowTopic(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow,
            ManagedTopics managed) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
        this.managed = managed;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "TableFlow topic " + (input.request() == null ? "?" : Rules.abbreviate(input.request().path("topic").asText("?"))));
        OffboardingRequest request = OffboardingRequest.parse(context, input.request(), input.detailType());
        Entry entry = request.deleteTopic() ? managed.requireDataOwned(context, request.topic(), "deleteTopic")
                : request.deleteSchema() ? managed.requireDataOwned(context, request.topic(), "deleteSchema")
                : managed.require(context, request.topic());
        String auth = keys.tableflow(context).basicAuthorization();
        String environment = settings.config().confluentEnvironmentId();
        String cluster = settings.config().kafkaClusterId();
        Optional<Boolean> deleted = calls.find(context, () -> {
            tableflow.deleteTableflowTopic(auth, request.topic(), environment, cluster);
            return Boolean.TRUE;
        });
        Outcome outcome = deleted.isPresent() ? Outcome.DELETED : Outcome.UNCHANGED;
        managed.mark(context, entry, State.OFFBOARDED, input.invocation());
        return new Output(request.topic(), request.deleteSchema(), request.deleteTopic(), Ensure.report(context, request.topic(), outcome).outcome());
    }
}
