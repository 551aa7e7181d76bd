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
        return environmentCrn(context) + "/provider-integration=" + providerIntegrationId;
    }

    /** The organization's CRN, the scope of every other one (crn://confluent.cloud/organization=…). */
    public String organizationCrn(StepContext context) {
        String serviceAccount = settings.config().serviceAccountId();
        String organization = calls.find(context, () -> iam.serviceAccount(serviceAccount))
                .orElseThrow(() -> new TerminalException(context, "service account " + serviceAccount
                        + " not found; check the ServiceAccountId parameter"))
                .organizationId()
                .orElseThrow(() -> new TerminalException(context, "service account " + serviceAccount + " has no organization in its CRN"));
        return "crn://confluent.cloud/organization=" + organization;
    }

    private String environmentCrn(StepContext context) {
        return organizationCrn(context) + "/environment=" + settings.config().confluentEnvironmentId();
    }

    public Optional<RoleBinding> find(StepContext context, String crnPattern) {
        return find(context, ROLE, crnPattern);
    }

    /** The service account's binding of exactly {@code role} on exactly {@code crnPattern}. */
    public Optional<RoleBinding> find(StepContext context, String role, String crnPattern) {
        String principal = principal();
        return calls.findFirst(context,
                token -> iam.roleBindings(crnPattern, principal, role, ConfluentCalls.PAGE_SIZE, token),
                binding -> crnPattern.equals(binding.crnPattern()) && principal.equals(binding.principal()) && role.equals(binding.roleName()));
    }
}
