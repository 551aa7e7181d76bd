package dev.tableflow.onboarding.steps.onboarding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * Onboarding step 1: the cluster-scoped Kafka API key {@code {env}-tableflow-topic-key}, created once per
 * environment, its secret in Secrets Manager. The steps that send the key find the cluster's REST endpoint themselves
 * (see {@link Endpoints}).
 */
@ApplicationScoped
public class EnsureKafkaApiKey {

    public static final String STEP = "EnsureKafkaApiKey";
    static final String DESCRIPTION = "Kafka API Key for Tableflow Topics";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Boolean dryRun, Invocation invocation) implements Invocation.Carrier {}

    /** {@code plan} in a dry run, instead of an outcome and, for a key not created yet, its id. */
    public record Output(String keyId, String secretName, Outcome outcome, @JsonInclude(JsonInclude.Include.NON_NULL) Ensure.Planned plan)
            implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final ApiKeys apiKeys;
    private final Endpoints endpoints;

    public EnsureKafkaApiKey(EnvironmentSettings settings, ApiKeys apiKeys, Endpoints endpoints) {
        this.settings = settings;
        this.apiKeys = apiKeys;
        this.endpoints = endpoints;
    }

    public Output run(Input input) {
        String name = settings.kafkaApiKeyName();
        StepContext context = new StepContext(STEP, "API key \"" + name + "\"");
        // First step of the onboarding workflow: refuse a bad deployment (an unknown cluster too) before anything is created.
        settings.validate(context);
        endpoints.kafkaCluster(context);
        if (Boolean.TRUE.equals(input.dryRun())) {
            return new Output(null, settings.kafkaApiKeySecret(), null, apiKeys.plan(context, wanted(settings)));
        }
        var ensured = apiKeys.ensure(context, wanted(settings), input.invocation());
        return new Output(ensured.keyId(), ensured.secretName(), ensured.outcome(), null);
    }

    /** The key as this step makes it; key rotation creates its successor the same way, the teardown deletes exactly this. */
    public static ApiKeys.Wanted wanted(EnvironmentSettings settings) {
        return new ApiKeys.Wanted(settings.kafkaApiKeyName(), DESCRIPTION, settings.config().serviceAccountId(),
                ObjectRef.inEnvironment(settings.config().kafkaClusterId(), settings.config().confluentEnvironmentId()),
                settings.kafkaApiKeySecret());
    }
}
