package dev.tableflow.onboarding.steps.teardown;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.request.TeardownRequest;
import dev.tableflow.onboarding.steps.Integrations;
import dev.tableflow.onboarding.steps.StoredKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Teardown step 1: refuses a bad request or deployment before anything is deleted, then lists the cluster's TableFlow
 * topics (all pages) that store through this stack's provider integration, which the workflow disables one by one
 * with the offboarding's DisableTableflowTopic. Other TableFlow topics of the cluster (Confluent-managed storage,
 * another team's bucket, another region's stack) are not this environment's to disable.
 */
@ApplicationScoped
public class StartTeardown {

    public static final String STEP = "StartTeardown";
    private static final Logger LOG = Logger.getLogger(StartTeardown.class);

    /** The event's detail, as sent. */
    public record Input(JsonNode request, Invocation invocation) implements Invocation.Carrier {}

    public record Output(boolean force, String requestId, List<String> tableflowTopics) {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;
    private final Integrations integrations;

    public StartTeardown(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow,
            Integrations integrations) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
        this.integrations = integrations;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "TableFlow topics of cluster " + settings.config().kafkaClusterId());
        TeardownRequest request = TeardownRequest.parse(context, input.request());
        settings.validate(context);
        String environment = settings.config().confluentEnvironmentId();
        String cluster = settings.config().kafkaClusterId();
        // No provider integration left: the teardown got past its last step before, so no topic stores through it.
        Optional<String> provider = integrations.provider(context).map(ProviderIntegration::id);
        List<String> topics = provider.flatMap(id -> keys.tableflowUnlessDeleted(context)
                        .map(key -> calls.readAll(context, token -> tableflow.tableflowTopics(key.basicAuthorization(), environment, cluster,
                                        ConfluentCalls.PAGE_SIZE, token)).stream()
                                .filter(topic -> topic.spec().storage() != null && id.equals(topic.spec().storage().providerIntegrationId()))
                                .map(topic -> topic.spec().displayName()).toList()))
                .orElse(List.of());
        LOG.infof("%s: %d to disable, force=%s, request %s", context, topics.size(), request.force(), request.requestId().orElse("-"));
        return new Output(request.force(), request.requestId().orElse(null), topics);
    }
}
