package dev.tableflow.onboarding.steps.offboarding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.request.OffboardingRequest;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Offboarding step 1: TableFlow stops materializing the topic. The request is validated here, before anything is
 * deleted; the normalized request goes on to the optional schema and topic deletions.
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

    public DisableTableflowTopic(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "TableFlow topic " + (input.request() == null ? "?" : Rules.abbreviate(input.request().path("topic").asText("?"))));
        OffboardingRequest request = OffboardingRequest.parse(context, input.request(), input.detailType());
        String auth = keys.tableflow(context).basicAuthorization();
        String environment = settings.config().confluentEnvironmentId();
        String cluster = settings.config().kafkaClusterId();
        Optional<Boolean> deleted = calls.find(context, () -> {
            tableflow.deleteTableflowTopic(auth, request.topic(), environment, cluster);
            return Boolean.TRUE;
        });
        Outcome outcome = deleted.isPresent() ? Outcome.DELETED : Outcome.UNCHANGED;
        return new Output(request.topic(), request.deleteSchema(), request.deleteTopic(), Ensure.report(context, request.topic(), outcome).outcome());
    }
}
