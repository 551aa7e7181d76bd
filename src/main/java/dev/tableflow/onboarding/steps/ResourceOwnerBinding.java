package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.IamClient;
import dev.tableflow.onboarding.confluent.model.RoleBinding;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The role binding the bootstrap grants and the teardown removes: {@code ResourceOwner} for the service account on
 * the provider integration. Role bindings need the organization id, which only the service account's CRN reveals.
 */
@ApplicationScoped
public class ResourceOwnerBinding {

    public static final String ROLE = "ResourceOwner";

    private final EnvironmentSettings settings;
    private final ConfluentCalls calls;
    private final IamClient iam;

    public ResourceOwnerBinding(EnvironmentSettings settings, ConfluentCalls calls, IamClient iam) {
        this.settings = settings;
        this.calls = calls;
        this.iam = iam;
    }

    public String principal() {
        return "User:" + settings.config().serviceAccountId();
    }

    public String crnPattern(StepContext context, String providerIntegrationId) {
        String serviceAccount = settings.config().serviceAccountId();
        String organization = calls.find(context, () -> iam.serviceAccount(serviceAccount))
                .orElseThrow(() -> new TerminalException(context, "service account " + serviceAccount
                        + " not found; check the ServiceAccountId parameter"))
                .organizationId()
                .orElseThrow(() -> new TerminalException(context, "service account " + serviceAccount + " has no organization in its CRN"));
        return "crn://confluent.cloud/organization=" + organization + "/environment=" + settings.config().confluentEnvironmentId()
                + "/provider-integration=" + providerIntegrationId;
    }

    public Optional<RoleBinding> find(StepContext context, String crnPattern) {
        String principal = principal();
        return calls.findFirst(context,
                token -> iam.roleBindings(crnPattern, principal, ROLE, ConfluentCalls.PAGE_SIZE, token),
                binding -> crnPattern.equals(binding.crnPattern()) && principal.equals(binding.principal()) && ROLE.equals(binding.roleName()));
    }
}
