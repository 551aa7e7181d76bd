package dev.tableflow.onboarding.steps.teardown;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.ProviderIntegrationClient;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.Integrations;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Teardown, last: the provider integration {@code {env}-provider-glue}, first of the bootstrap. Everything that used
 * it (TableFlow topics' storage, the catalog integration, the role binding) is gone by now.
 */
@ApplicationScoped
public class DeleteProviderIntegration {

    public static final String STEP = "DeleteProviderIntegration";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Invocation invocation) implements Invocation.Carrier {}

    public record Output(String displayName, String id, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final Integrations lookup;
    private final ConfluentCalls calls;
    private final ProviderIntegrationClient integrations;

    public DeleteProviderIntegration(EnvironmentSettings settings, Integrations lookup, ConfluentCalls calls,
            ProviderIntegrationClient integrations) {
        this.settings = settings;
        this.lookup = lookup;
        this.calls = calls;
        this.integrations = integrations;
    }

    public Output run(Input input) {
        String name = settings.providerIntegrationName();
        StepContext context = new StepContext(STEP, "provider integration \"" + name + "\"");
        Optional<ProviderIntegration> found = lookup.provider(context);
        found.ifPresent(integration -> calls.delete(context,
                () -> integrations.delete(integration.id(), settings.config().confluentEnvironmentId())));
        return new Output(name, found.map(ProviderIntegration::id).orElse(null),
                Ensure.report(context, name, found.isPresent() ? Outcome.DELETED : Outcome.UNCHANGED).outcome());
    }
}
