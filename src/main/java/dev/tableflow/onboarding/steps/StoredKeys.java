package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.steps.bootstrap.EnsureTableflowApiKey;
import dev.tableflow.onboarding.steps.onboarding.EnsureKafkaApiKey;
import dev.tableflow.onboarding.steps.onboarding.EnsureSchemaRegistryApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/** The keys the key steps stored, for the steps after them; a missing one names the step that stores it. */
@ApplicationScoped
public class StoredKeys {

    private static final Logger LOG = Logger.getLogger(StoredKeys.class);

    private final EnvironmentSettings settings;
    private final SecretStore secrets;
    private final ApiKeys apiKeys;

    public StoredKeys(EnvironmentSettings settings, SecretStore secrets, ApiKeys apiKeys) {
        this.settings = settings;
        this.secrets = secrets;
        this.apiKeys = apiKeys;
    }

    /**
     * The TableFlow key for the teardown, which reaches TableFlow's resources only with it. None at all (no secret, no
     * key) means a forced teardown deleted it, which it does only after everything the key reaches: nothing is left
     * there. A key whose secret is lost is different: what it reaches may still exist.
     */
    public Optional<ApiKeyCredentials> tableflowUnlessDeleted(StepContext context) {
        Optional<ApiKeyCredentials> stored = secrets.read(context, settings.tableflowApiKeySecret());
        if (stored.isEmpty() && apiKeys.exists(context, EnsureTableflowApiKey.wanted(settings))) {
            throw new TerminalException(context, "the API key \"" + settings.tableflowApiKeyName() + "\" exists but its secret \""
                    + settings.tableflowApiKeySecret() + "\" is not in Secrets Manager; run the bootstrap (it replaces the key), then the teardown again");
        }
        if (stored.isEmpty()) {
            LOG.infof("%s: no TableFlow API key: a forced teardown already removed what it reaches", context);
        }
        return stored;
    }

    public ApiKeyCredentials tableflow(StepContext context) {
        return secrets.require(context, settings.tableflowApiKeySecret(), EnsureTableflowApiKey.STEP);
    }

    public ApiKeyCredentials kafka(StepContext context) {
        return secrets.require(context, settings.kafkaApiKeySecret(), EnsureKafkaApiKey.STEP);
    }

    /** A dry run's {@link #kafka}: empty when the key step has not stored a key yet, which a dry run does not. */
    public Optional<ApiKeyCredentials> kafkaIfStored(StepContext context) {
        return secrets.read(context, settings.kafkaApiKeySecret());
    }

    public Optional<ApiKeyCredentials> schemaRegistryIfStored(StepContext context) {
        return secrets.read(context, settings.schemaRegistryApiKeySecret());
    }

    public ApiKeyCredentials schemaRegistry(StepContext context) {
        return secrets.require(context, settings.schemaRegistryApiKeySecret(), EnsureSchemaRegistryApiKey.STEP);
    }
}
