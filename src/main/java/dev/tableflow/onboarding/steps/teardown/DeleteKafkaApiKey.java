package dev.tableflow.onboarding.steps.teardown;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.ApiKeys;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.onboarding.EnsureKafkaApiKey;
import jakarta.enterprise.context.ApplicationScoped;

/** Teardown: the Kafka API key {@code {env}-tableflow-topic-key} the onboarding created; its secret is emptied. */
@ApplicationScoped
public class DeleteKafkaApiKey {

    public static final String STEP = "DeleteKafkaApiKey";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Invocation invocation) implements Invocation.Carrier {}

    public record Output(String displayName, String secretName, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final ApiKeys apiKeys;

    public DeleteKafkaApiKey(EnvironmentSettings settings, ApiKeys apiKeys) {
        this.settings = settings;
        this.apiKeys = apiKeys;
    }

    public Output run(Input input) {
        ApiKeys.Wanted key = EnsureKafkaApiKey.wanted(settings);
        StepContext context = new StepContext(STEP, "API key \"" + key.displayName() + "\"");
        return new Output(key.displayName(), key.secretName(), apiKeys.delete(context, key));
    }
}
