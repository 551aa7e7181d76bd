package dev.tableflow.onboarding.steps.bootstrap;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bootstrap readiness check: the catalog integration reaches CONNECTED. PENDING is "not yet" (the state
 * machine polls by retrying, bounded); FAILED ends the run with Confluent's {@code error_message}.
 */
@ApplicationScoped
public class CheckCatalogIntegration {

    public static final String STEP = "CheckCatalogIntegration";

    public record Input(String catalogIntegrationId, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String id, String phase) {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;

    public CheckCatalogIntegration(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "catalog integration \"" + settings.catalogIntegrationName() + "\"");
        String id = Rules.require(context, "catalogIntegrationId", input.catalogIntegrationId(), Rules.CONFLUENT_ID, "a catalog integration id");
        String auth = keys.tableflow(context).basicAuthorization();
        CatalogIntegration integration = calls.read(context, () -> tableflow.catalogIntegration(auth, id,
                settings.config().confluentEnvironmentId(), settings.config().kafkaClusterId()));
        String phase = integration.phase();
        if (CatalogIntegration.FAILED.equals(phase)) {
            String message = integration.status().errorMessage();
            throw new TerminalException(context, "phase FAILED: " + (message == null ? "Confluent gave no error message" : message));
        }
        if (!CatalogIntegration.CONNECTED.equals(phase)) {
            throw new NotReadyException(context, "phase " + phase + ", waiting for CONNECTED");
        }
        return new Output(id, phase);
    }
}
