package dev.tableflow.onboarding.steps.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.StoredKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Bootstrap readiness check: the stored TableFlow key is accepted by the TableFlow API. A new key answers 401
 * until it has propagated; the state machine retries this step on {@code NotReadyException}, bounded.
 */
@ApplicationScoped
public class CheckTableflowApiKey {

    public static final String STEP = "CheckTableflowApiKey";
    private static final Logger LOG = Logger.getLogger(CheckTableflowApiKey.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Invocation invocation) implements Invocation.Carrier {}

    public record Output(String keyId, boolean usable) {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;

    public CheckTableflowApiKey(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "API key \"" + settings.tableflowApiKeyName() + "\"");
        ApiKeyCredentials key = keys.tableflow(context);
        probe(context, key);
        return new Output(key.key(), true);
    }

    /** Returns once the TableFlow API accepts the key; NotReady while it is still propagating. */
    public void probe(StepContext context, ApiKeyCredentials key) {
        calls.withKey(context, key, () -> tableflow.regions(key.basicAuthorization(), 1));
        LOG.infof("%s: key %s is accepted", context, key.key());
    }
}
