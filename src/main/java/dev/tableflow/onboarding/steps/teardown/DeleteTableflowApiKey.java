package dev.tableflow.onboarding.steps.teardown;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.ApiKeys;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.bootstrap.EnsureTableflowApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Teardown: the TableFlow API key {@code {env}-tableflow-api-key} (its secret emptied), only when the request says
 * {@code "force": true}. Otherwise both are kept (the seeds' {@code prevent_destroy}) and the next bootstrap adopts
 * them. It runs after everything the key reaches is gone, so a re-run without the key finds nothing left to reach.
 */
@ApplicationScoped
public class DeleteTableflowApiKey {

    public static final String STEP = "DeleteTableflowApiKey";
    private static final Logger LOG = Logger.getLogger(DeleteTableflowApiKey.class);

    public record Input(boolean force, Invocation invocation) implements Invocation.Carrier {}

    /** {@code kept}: not forced, so the key and its secret stay. */
    public record Output(String displayName, String secretName, boolean kept, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final ApiKeys apiKeys;

    public DeleteTableflowApiKey(EnvironmentSettings settings, ApiKeys apiKeys) {
        this.settings = settings;
        this.apiKeys = apiKeys;
    }

    public Output run(Input input) {
        ApiKeys.Wanted key = EnsureTableflowApiKey.wanted(settings);
        StepContext context = new StepContext(STEP, "API key \"" + key.displayName() + "\"");
        if (!input.force()) {
            LOG.infof("%s: kept with its secret (prevent_destroy); a teardown with \"force\": true deletes it", context);
            return new Output(key.displayName(), key.secretName(), true, Outcome.UNCHANGED);
        }
        return new Output(key.displayName(), key.secretName(), false, apiKeys.delete(context, key));
    }
}
