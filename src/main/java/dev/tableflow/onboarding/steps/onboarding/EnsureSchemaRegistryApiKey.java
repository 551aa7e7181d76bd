package dev.tableflow.onboarding.steps.onboarding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.model.ObjectRef;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.ApiKeys;
import dev.tableflow.onboarding.steps.Endpoints;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Onboarding step 1b: a Schema Registry API key. When the deployment supplies one (its secret name), that key
 * is used as it is; otherwise {@code {env}-schema-registry-key} is ensured under the same rules as the other
 * keys. A fresh key's propagation is absorbed by the schema step, which answers NotReady on 401, and which finds the
 * registry's endpoint itself (see {@link Endpoints}).
 */
@ApplicationScoped
public class EnsureSchemaRegistryApiKey {

    public static final String STEP = "EnsureSchemaRegistryApiKey";
    static final String DESCRIPTION = "Schema Registry API Key for Tableflow Topics";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Boolean dryRun, Invocation invocation) implements Invocation.Carrier {}

    /** {@code plan} in a dry run, instead of an outcome and, for a key not created yet, its id. */
    public record Output(String keyId, String secretName, Outcome outcome, @JsonInclude(JsonInclude.Include.NON_NULL) Ensure.Planned plan)
            implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final ApiKeys apiKeys;
    private final Endpoints endpoints;
    private final SecretStore secrets;

    public EnsureSchemaRegistryApiKey(EnvironmentSettings settings, ApiKeys apiKeys, Endpoints endpoints, SecretStore secrets) {
        this.settings = settings;
        this.apiKeys = apiKeys;
        this.endpoints = endpoints;
        this.secrets = secrets;
    }

    public Output run(Input input) {
        String name = settings.schemaRegistryApiKeyName();
        StepContext context = new StepContext(STEP, "API key \"" + name + "\"");
        Endpoints.SchemaRegistry registry = endpoints.schemaRegistry(context);
        if (settings.config().schemaRegistryApiKeySecret().isPresent()) {
            String secret = settings.schemaRegistryApiKeySecret();
            String keyId = secrets.require(context, secret, "the operator").key();
            return Boolean.TRUE.equals(input.dryRun())
                    ? new Output(keyId, secret, null, Ensure.plan(context, Ensure.Action.ADOPT, "the operator's key " + keyId + " in " + secret))
                    : new Output(keyId, secret, Ensure.report(context, keyId, Outcome.ADOPTED).outcome(), null);
        }
        if (Boolean.TRUE.equals(input.dryRun())) {
            return new Output(null, settings.schemaRegistryApiKeySecret(), null, apiKeys.plan(context, wanted(settings, registry.clusterId())));
        }
        var ensured = apiKeys.ensure(context, wanted(settings, registry.clusterId()), input.invocation());
        return new Output(ensured.keyId(), ensured.secretName(), ensured.outcome(), null);
    }

    /** The managed key as this step makes it (never the operator's); key rotation creates its successor the same way, the teardown deletes exactly this. */
    public static ApiKeys.Wanted wanted(EnvironmentSettings settings, String registryClusterId) {
        return new ApiKeys.Wanted(settings.schemaRegistryApiKeyName(), DESCRIPTION, settings.config().serviceAccountId(),
                ObjectRef.inEnvironment(registryClusterId, settings.config().confluentEnvironmentId()), settings.schemaRegistryApiKeySecret());
    }
}
