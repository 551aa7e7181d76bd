package dev.tableflow.onboarding.steps.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.model.ObjectRef;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.ApiKeys;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bootstrap step 2: the TableFlow API key {@code {env}-tableflow-api-key}, owned by the service account and
 * scoped to the TableFlow managed resource. Automation never deletes a working TableFlow key (the seeds'
 * {@code prevent_destroy}); only a key whose secret was lost is replaced.
 */
@ApplicationScoped
public class EnsureTableflowApiKey {

    public static final String STEP = "EnsureTableflowApiKey";
    static final String DESCRIPTION = "Tableflow API Key for AWS Glue integration";
    /**
     * The managed resource is {@code tableflow} / {@code tableflow/v1} / {@code Tableflow}; api_version and kind
     * are read-only in the API key contract, so the request names the resource by id only.
     */
    static final ObjectRef TABLEFLOW = ObjectRef.of("tableflow");

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Invocation invocation) implements Invocation.Carrier {}

    /** Ids and names only: the secret stays in Secrets Manager. */
    public record Output(String keyId, String secretName, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final ApiKeys apiKeys;

    public EnsureTableflowApiKey(EnvironmentSettings settings, ApiKeys apiKeys) {
        this.settings = settings;
        this.apiKeys = apiKeys;
    }

    public Output run(Input input) {
        String name = settings.tableflowApiKeyName();
        StepContext context = new StepContext(STEP, "API key \"" + name + "\"");
        var ensured = apiKeys.ensure(context, wanted(settings), input.invocation());
        return new Output(ensured.keyId(), ensured.secretName(), ensured.outcome());
    }

    /** The key as this step makes it; key rotation creates its successor the same way, the teardown deletes exactly this. */
    public static ApiKeys.Wanted wanted(EnvironmentSettings settings) {
        return new ApiKeys.Wanted(settings.tableflowApiKeyName(), DESCRIPTION, settings.config().serviceAccountId(), TABLEFLOW,
                settings.tableflowApiKeySecret());
    }
}
