package dev.tableflow.onboarding.steps.teardown;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.ApiKeys;
import dev.tableflow.onboarding.steps.Endpoints;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.onboarding.EnsureSchemaRegistryApiKey;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Teardown: the Schema Registry API key {@code {env}-schema-registry-key} (its secret emptied), only when this application
 * manages it. A key the operator supplied (SchemaRegistryApiKeySecretName) is theirs: kept, untouched.
 */
@ApplicationScoped
public class DeleteSchemaRegistryApiKey {

    public static final String STEP = "DeleteSchemaRegistryApiKey";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Invocation invocation) implements Invocation.Carrier {}

    /** {@code kept}: the operator's key, which the teardown never deletes. */
    public record Output(String displayName, String secretName, boolean kept, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final ApiKeys apiKeys;
    private final Endpoints endpoints;

    public DeleteSchemaRegistryApiKey(EnvironmentSettings settings, ApiKeys apiKeys, Endpoints endpoints) {
        this.settings = settings;
        this.apiKeys = apiKeys;
        this.endpoints = endpoints;
    }

    public Output run(Input input) {
        if (settings.config().schemaRegistryApiKeySecret().isPresent()) {
            String secret = settings.schemaRegistryApiKeySecret();
            StepContext context = new StepContext(STEP, "the operator's Schema Registry key in \"" + secret + "\"");
            return new Output(null, secret, true, Ensure.report(context, secret, Outcome.UNCHANGED).outcome());
        }
        String name = settings.schemaRegistryApiKeyName();
        StepContext context = new StepContext(STEP, "API key \"" + name + "\"");
        ApiKeys.Wanted key = EnsureSchemaRegistryApiKey.wanted(settings, endpoints.schemaRegistry(context).clusterId());
        return new Output(name, key.secretName(), false, apiKeys.delete(context, key));
    }
}
