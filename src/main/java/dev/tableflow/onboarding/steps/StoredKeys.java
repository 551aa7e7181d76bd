package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.errors.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

/** The keys the key steps stored, for the steps after them; a missing one names the step that stores it. */
@ApplicationScoped
public class StoredKeys {

    private final EnvironmentSettings settings;
    private final SecretStore secrets;

    public StoredKeys(EnvironmentSettings settings, SecretStore secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    public ApiKeyCredentials tableflow(StepContext context) {
        return secrets.require(context, settings.tableflowApiKeySecret(), EnsureTableflowApiKey.STEP);
    }

    public ApiKeyCredentials kafka(StepContext context) {
        return secrets.require(context, settings.kafkaApiKeySecret(), EnsureKafkaApiKey.STEP);
    }

    public ApiKeyCredentials schemaRegistry(StepContext context) {
        return secrets.require(context, settings.schemaRegistryApiKeySecret(), EnsureSchemaRegistryApiKey.STEP);
    }
}
