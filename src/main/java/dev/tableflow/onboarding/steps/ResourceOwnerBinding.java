package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.IamClient;
import dev.tableflow.onboarding.confluent.model.RoleBinding;
import dev.tableflow.onboarding.confluent.ConfluentApiException;
import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The role binding the bootstrap grants and the teardown removes: {@code ResourceOwner} for the service account on
 * the provider integration. Role bindings need the organization id, which only the service account's CRN reveals.
 */
@ApplicationScoped
public class ResourceOwnerBinding {

    public static final String ROLE = "ResourceOwner";
    /** How long a 403 is taken for a binding not yet in effect: well past the 90 s Confluent's own Terraform provider waits. */
    static final Duration PROPAGATION = Duration.ofMinutes(5);

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

    /**
     * {@code call}, which needs this binding on the provider integration; a 403 while the binding is new is not ready
     * yet rather than final. Confluent applies a new role binding after a while: its Terraform provider waits 90 s after
     * creating one, and its docs warn that skipping the wait can end in "HTTP 403 Forbidden errors" (RELIABILITY.md).
     */
    public <T> T whileNew(StepContext context, String providerIntegrationId, Supplier<T> call) {
        try {
            return call.get();
        } catch (TerminalException e) {
            if (!(e.getCause() instanceof ConfluentApiException api) || api.status() != 403) {
                throw e;
            }
            Optional<Duration> age = find(context, crnPattern(context, providerIntegrationId))
                    .flatMap(RoleBinding::createdAt).map(created -> Duration.between(created, Instant.now()));
            if (age.isPresent() && age.get().compareTo(PROPAGATION) < 0) {
                throw new NotReadyException(context, "the " + ROLE + " binding on provider integration " + providerIntegrationId + ", made "
                        + age.get().toSeconds() + " s ago, is not in effect yet (" + api.describe() + ")");
            }
            throw e;
        }
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
