package dev.tableflow.onboarding.steps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.IamClient;
import dev.tableflow.onboarding.confluent.ProviderIntegrationClient;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.confluent.model.RoleBinding;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Optional;

/**
 * Teardown: the {@code ResourceOwner} binding EnsureRoleBinding granted the service account on the provider
 * integration. It is scoped to that integration's CRN, which goes next, so it goes first; the service account's
 * other bindings are not touched. Without the provider integration there is no such binding to look for.
 */
@ApplicationScoped
public class DeleteRoleBinding {

    public static final String STEP = "DeleteRoleBinding";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input() {}

    public record Output(String id, String crnPattern, Outcome outcome) {}

    private final EnvironmentSettings settings;
    private final ResourceOwnerBinding binding;
    private final ConfluentCalls calls;
    private final ProviderIntegrationClient integrations;
    private final IamClient iam;

    public DeleteRoleBinding(EnvironmentSettings settings, ResourceOwnerBinding binding, ConfluentCalls calls,
            @RestClient ProviderIntegrationClient integrations, @RestClient IamClient iam) {
        this.settings = settings;
        this.binding = binding;
        this.calls = calls;
        this.integrations = integrations;
        this.iam = iam;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "role binding " + ResourceOwnerBinding.ROLE + " for " + binding.principal());
        String name = settings.providerIntegrationName();
        Optional<ProviderIntegration> integration = calls.findFirst(context,
                token -> integrations.list(settings.config().confluentEnvironmentId(), "AWS", ConfluentCalls.PAGE_SIZE, token),
                candidate -> name.equals(candidate.displayName()));
        String crn = integration.map(i -> binding.crnPattern(context, i.id())).orElse(null);
        Optional<RoleBinding> found = integration.flatMap(i -> binding.find(context, crn));
        found.ifPresent(existing -> calls.delete(context, () -> iam.deleteRoleBinding(existing.id())));
        return new Output(found.map(RoleBinding::id).orElse(null), crn,
                Ensure.report(context, crn, found.isPresent() ? Outcome.DELETED : Outcome.UNCHANGED).outcome());
    }
}
