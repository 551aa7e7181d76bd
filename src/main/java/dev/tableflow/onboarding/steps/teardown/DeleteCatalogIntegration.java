package dev.tableflow.onboarding.steps.teardown;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Teardown: the AWS Glue catalog integration {@code {env}-confluent-glue}. Glue's tables and S3's data stay: they
 * are the customer's. Reached with the TableFlow key, so it runs before a forced teardown deletes that key.
 */
@ApplicationScoped
public class DeleteCatalogIntegration {

    public static final String STEP = "DeleteCatalogIntegration";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Invocation invocation) implements Invocation.Carrier {}

    public record Output(String displayName, String id, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final Integrations lookup;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;

    public DeleteCatalogIntegration(EnvironmentSettings settings, StoredKeys keys, Integrations lookup, ConfluentCalls calls,
            TableflowClient tableflow) {
        this.settings = settings;
        this.keys = keys;
        this.lookup = lookup;
        this.calls = calls;
        this.tableflow = tableflow;
    }

    public Output run(Input input) {
        String name = settings.catalogIntegrationName();
        StepContext context = new StepContext(STEP, "catalog integration \"" + name + "\"");
        Optional<String> auth = keys.tableflowUnlessDeleted(context).map(key -> key.basicAuthorization());
        Optional<CatalogIntegration> found = auth.flatMap(a -> lookup.catalog(context, a));
        found.ifPresent(integration -> calls.delete(context, () -> tableflow.deleteCatalogIntegration(auth.get(), integration.id(),
                settings.config().confluentEnvironmentId(), settings.config().kafkaClusterId())));
        return new Output(name, found.map(CatalogIntegration::id).orElse(null),
                Ensure.report(context, name, found.isPresent() ? Outcome.DELETED : Outcome.UNCHANGED).outcome());
    }
}
