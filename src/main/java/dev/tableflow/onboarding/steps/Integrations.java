package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.Page;
import dev.tableflow.onboarding.confluent.ProviderIntegrationClient;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Finds the environment's integrations by the names this application gives them, for the steps that ensure, use or
 * delete them and for the status report. Neither API filters by name: list (all pages if need be) and match.
 * <p>
 * A step that builds on an integration asks here itself, never its input: an id, a Confluent role or an external id
 * that travelled in a Task's input is one whoever may invoke the function chooses, and the step would bind, catalog
 * or trust their integration instead of the stack's.
 */
@ApplicationScoped
public class Integrations {

    /** Why a step refuses an integration's id, role or external id in its input ({@code Rules.absent}). */
    public static final String LOOKED_UP = "the step looks this stack's integrations up in Confluent by their names";

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
        return calls.findFirst(context, this::providerPage, integration -> name.equals(integration.displayName()));
    }

    /**
     * Another provider integration of the environment made for {@code role}: Confluent refuses a second one for the
     * same customer role ("customer_role_arn must be unique in a given environment", RELIABILITY.md).
     */
    public Optional<ProviderIntegration> otherProviderFor(StepContext context, String role) {
        String name = settings.providerIntegrationName();
        return calls.findFirst(context, this::providerPage, integration -> !name.equals(integration.displayName())
                && integration.config() != null && role.equals(integration.config().customerIamRoleArn()));
    }

    private Page<ProviderIntegration> providerPage(String token) {
        return providers.list(settings.config().confluentEnvironmentId(), "AWS", ConfluentCalls.PAGE_SIZE, token);
    }

    /**
     * The stack's provider integration, for the steps that build on it. Missing, or made for another customer role
     * (which {@code EnsureProviderIntegration} refuses to adopt), it is nothing to bind, catalog or trust.
     */
    public ProviderIntegration requireProvider(StepContext context) {
        String name = settings.providerIntegrationName();
        ProviderIntegration found = provider(context).orElseThrow(() -> new TerminalException(context, "provider integration \"" + name
                + "\" not found: EnsureProviderIntegration did not run or the integration was deleted; run the bootstrap"));
        String role = settings.config().customerRoleArn();
        String itsRole = found.config() == null ? null : found.config().customerIamRoleArn();
        if (!role.equals(itsRole)) {
            throw new TerminalException(context, "provider integration \"" + name + "\" (" + found.id() + ") is for customer role " + itsRole
                    + ", not " + role + "; run the bootstrap, whose EnsureProviderIntegration says what to do");
        }
        return found;
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

    /** {@code {env}-confluent-glue} for the steps that check it; missing, it is terminal. */
    public CatalogIntegration requireCatalog(StepContext context, String auth) {
        return catalog(context, auth).orElseThrow(() -> new TerminalException(context, "catalog integration \"" + settings.catalogIntegrationName()
                + "\" not found: EnsureCatalogIntegration did not run or the integration was deleted; run the bootstrap"));
    }
}
