package dev.tableflow.onboarding.steps.bootstrap;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.Integrations;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;
import java.util.Optional;

/**
 * Bootstrap step 3: the AWS Glue catalog integration {@code {env}-confluent-glue}, made with the TableFlow key on the
 * stack's provider integration, looked up by its name (with the Cloud API key): an id in the input would connect the
 * catalog through whatever integration, and so whatever role, the caller names.
 */
@ApplicationScoped
public class EnsureCatalogIntegration {

    public static final String STEP = "EnsureCatalogIntegration";

    /** {@code providerIntegrationId} is refused when given (see {@link Integrations}). */
    public record Input(String providerIntegrationId, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String id, String displayName, String phase, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;
    private final Integrations lookup;

    public EnsureCatalogIntegration(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow,
            Integrations lookup) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
        this.lookup = lookup;
    }

    public Output run(Input input) {
        String name = settings.catalogIntegrationName();
        StepContext context = new StepContext(STEP, "catalog integration \"" + name + "\"");
        Rules.absent(context, "providerIntegrationId", input.providerIntegrationId(), Integrations.LOOKED_UP);
        String integrationId = lookup.requireProvider(context).id();
        String auth = keys.tableflow(context).basicAuthorization();
        String environment = settings.config().confluentEnvironmentId();
        String cluster = settings.config().kafkaClusterId();

        String database = settings.config().glueDatabase().orElse(null);
        var ensured = Ensure.exists(context, () -> lookup.catalog(context, auth),
                existing -> conflict(existing, integrationId, database),
                () -> calls.write(context, () -> tableflow.createCatalogIntegration(auth,
                        CatalogIntegration.newAwsGlue(name, environment, cluster, integrationId, database))));
        CatalogIntegration integration = ensured.resource();
        return new Output(integration.id(), integration.displayName(), integration.phase(), ensured.outcome());
    }

    /**
     * The provider integration is immutable. The database may be patched (custom_database is not), but Confluent does
     * not document what becomes of the tables already registered in the old one, so a changed GlueDatabaseName is
     * refused rather than leaving tables behind where neither ConfirmGlueTable nor the status report would look.
     */
    private static Optional<String> conflict(CatalogIntegration existing, String integrationId, String database) {
        if (!integrationId.equals(existing.providerIntegrationId())) {
            return Optional.of("exists with provider integration " + existing.providerIntegrationId() + ", not " + integrationId
                    + "; the provider integration of a catalog integration is immutable: delete the catalog integration to re-create it");
        }
        if (!Objects.equals(database, existing.customDatabase())) {
            return Optional.of("registers tables in the Glue database " + describe(existing.customDatabase()) + ", not " + describe(database)
                    + " (GlueDatabaseName): set the parameter back, or run the teardown and bootstrap again to move the tables");
        }
        return Optional.empty();
    }

    private static String describe(String database) {
        return database == null ? "named after the Kafka cluster (the default)" : "\"" + database + "\"";
    }
}
