package dev.tableflow.onboarding.steps.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Integrations;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bootstrap readiness check: the catalog integration is CONNECTED, or PENDING on a cluster where no topic has
 * TableFlow yet. Confluent syncs a catalog only once a topic is materialized, so a fresh environment's integration stays
 * PENDING until its first onboarding, whose AWS Glue sync is where the connection shows (CheckTableflowTopic); the step
 * then succeeds and says so. PENDING with topics is "not yet" (the state machine polls by retrying, bounded); FAILED
 * ends the run with Confluent's {@code error_message}. The integration is the stack's own, looked up by its name.
 */
@ApplicationScoped
public class CheckCatalogIntegration {

    public static final String STEP = "CheckCatalogIntegration";

    /** {@code catalogIntegrationId} is refused when given (see {@link Integrations}). */
    public record Input(String catalogIntegrationId, Invocation invocation) implements Invocation.Carrier {}

    /** {@code note} says why a PENDING integration is not waited for; absent once it is CONNECTED. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Output(String id, String phase, String note) {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final Integrations integrations;

    public CheckCatalogIntegration(EnvironmentSettings settings, StoredKeys keys, Integrations integrations) {
        this.settings = settings;
        this.keys = keys;
        this.integrations = integrations;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "catalog integration \"" + settings.catalogIntegrationName() + "\"");
        Rules.absent(context, "catalogIntegrationId", input.catalogIntegrationId(), Integrations.LOOKED_UP);
        String auth = keys.tableflow(context).basicAuthorization();
        // The list shows each integration with its status, as a GET of it would: one call either way.
        CatalogIntegration integration = integrations.requireCatalog(context, auth);
        String id = integration.id();
        String phase = integration.phase();
        if (CatalogIntegration.FAILED.equals(phase)) {
            String message = integration.status().errorMessage();
            throw new TerminalException(context, "phase FAILED: " + (message == null ? "Confluent gave no error message" : message));
        }
        if (CatalogIntegration.CONNECTED.equals(phase)) {
            return new Output(id, phase, null);
        }
        if (integration.pendingUntilFirstTopic(integrations.anyTableflowTopic(context, auth))) {
            return new Output(id, phase, CatalogIntegration.CONNECTS_WITH_FIRST_TOPIC);
        }
        throw new NotReadyException(context, "phase " + phase + " while topics of the cluster have TableFlow, waiting for CONNECTED");
    }
}
