package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import dev.tableflow.onboarding.errors.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The cluster's TableFlow topics (all pages) that store through this stack's provider integration: the ones this
 * environment onboarded. Other TableFlow topics of the cluster (Confluent-managed storage, another team's bucket,
 * another region's stack) are not this environment's. None when the provider integration or the TableFlow key is gone
 * (a finished teardown): nothing can store through it then.
 */
@ApplicationScoped
public class StackTopics {

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;
    private final Integrations integrations;

    public StackTopics(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow,
            Integrations integrations) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
        this.integrations = integrations;
    }

    public List<TableflowTopic> list(StepContext context) {
        String environment = settings.config().confluentEnvironmentId();
        String cluster = settings.config().kafkaClusterId();
        Optional<String> provider = integrations.provider(context).map(ProviderIntegration::id);
        return provider.flatMap(id -> keys.tableflowUnlessDeleted(context)
                        .map(key -> calls.readAll(context, token -> tableflow.tableflowTopics(key.basicAuthorization(), environment, cluster,
                                        ConfluentCalls.PAGE_SIZE, token)).stream()
                                .filter(topic -> topic.spec().storage() != null && id.equals(topic.spec().storage().providerIntegrationId()))
                                .toList()))
                .orElse(List.of());
    }
}
