package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.ProviderIntegrationClient;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import dev.tableflow.onboarding.errors.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Finds the environment's integrations by the names this application gives them, for the steps that ensure, use or
 * delete them and for the status report. Neither API filters by name: list (all pages if need be) and match.
 */
@ApplicationScoped
public class Integrations {

    private final EnvironmentSettings settings;
    private final ConfluentCalls calls;
    private final ProviderIntegrationClient providers;
    private final TableflowClient tableflow;

    public Integrations(EnvironmentSettings settings, ConfluentCalls calls, ProviderIntegrationClient providers,
            TableflowClient tableflow) {
        this.settings = settings;
        this.calls = calls;
        this.providers = providers;
        this.tableflow = tableflow;
    }

    /** {@code {env}-provider-glue}. */
    public Optional<ProviderIntegration> provider(StepContext context) {
        String name = settings.providerIntegrationName();
        return calls.findFirst(context,
                token -> providers.list(settings.config().confluentEnvironmentId(), "AWS", ConfluentCalls.PAGE_SIZE, token),
                integration -> name.equals(integration.displayName()));
    }

    /** Whether any topic of the cluster has TableFlow enabled: until one has, Confluent does not sync its catalogs. */
    public boolean anyTableflowTopic(StepContext context, String auth) {
        return !calls.read(context, () -> tableflow.tableflowTopics(auth, settings.config().confluentEnvironmentId(),
                settings.config().kafkaClusterId(), 1, null)).items().isEmpty();
    }

    /** {@code {env}-confluent-glue}, seen with the TableFlow key ({@code auth}). */
    public Optional<CatalogIntegration> catalog(StepContext context, String auth) {
        String name = settings.catalogIntegrationName();
        return calls.findFirst(context,
                token -> tableflow.catalogIntegrations(auth, settings.config().confluentEnvironmentId(), settings.config().kafkaClusterId(),
                        ConfluentCalls.PAGE_SIZE, token),
                integration -> name.equals(integration.displayName()));
    }

    /**
     * The cluster's TableFlow topics (all pages) that store through the provider integration {@code providerId}, seen
     * with the TableFlow key ({@code auth}): the only ones this environment can have enabled.
     */
    public List<TableflowTopic> tableflowTopicsThrough(StepContext context, String auth, String providerId) {
        return calls.readAll(context, token -> tableflow.tableflowTopics(auth, settings.config().confluentEnvironmentId(),
                        settings.config().kafkaClusterId(), ConfluentCalls.PAGE_SIZE, token)).stream()
                .filter(topic -> topic.spec().storage() != null && providerId.equals(topic.spec().storage().providerIntegrationId()))
                .toList();
    }
}
