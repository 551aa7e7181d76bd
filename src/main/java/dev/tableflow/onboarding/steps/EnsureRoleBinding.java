package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.IamClient;
import dev.tableflow.onboarding.confluent.model.RoleBinding;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Optional;

/**
 * Bootstrap step 2b: the TableFlow key's service account gets {@code ResourceOwner} on the provider
 * integration, as in Confluent's own BYOB example; without it the catalog integration cannot use the
 * integration. Role bindings need the organization id, which only the service account's CRN reveals.
 */
@ApplicationScoped
public class EnsureRoleBinding {

    public static final String STEP = "EnsureRoleBinding";
    static final String ROLE = "ResourceOwner";

    public record Input(String providerIntegrationId, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String id, String crnPattern, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final ConfluentCalls calls;
    private final IamClient iam;

    public EnsureRoleBinding(EnvironmentSettings settings, ConfluentCalls calls, @RestClient IamClient iam) {
        this.settings = settings;
        this.calls = calls;
        this.iam = iam;
    }

    public Output run(Input input) {
        String serviceAccount = settings.config().serviceAccountId();
        String principal = "User:" + serviceAccount;
        StepContext context = new StepContext(STEP, "role binding " + ROLE + " for " + principal);
        String integrationId = Rules.require(context, "providerIntegrationId", input.providerIntegrationId(),
                Rules.CONFLUENT_ID, "a provider integration id");

        String organization = calls.find(context, () -> iam.serviceAccount(serviceAccount))
                .orElseThrow(() -> new TerminalException(context, "service account " + serviceAccount
                        + " not found; check the ServiceAccountId parameter"))
                .organizationId()
                .orElseThrow(() -> new TerminalException(context, "service account " + serviceAccount + " has no organization in its CRN"));
        String crn = "crn://confluent.cloud/organization=" + organization + "/environment=" + settings.config().confluentEnvironmentId()
                + "/provider-integration=" + integrationId;

        Optional<RoleBinding> found = calls.findFirst(context,
                token -> iam.roleBindings(crn, principal, ROLE, ConfluentCalls.PAGE_SIZE, token),
                binding -> crn.equals(binding.crnPattern()) && principal.equals(binding.principal()) && ROLE.equals(binding.roleName()));
        var ensured = Ensure.exists(context, found, existing -> Optional.empty(),
                () -> createOrExplain(context, new RoleBinding(null, principal, ROLE, crn)));
        return new Output(ensured.resource().id(), crn, ensured.outcome());
    }

    private RoleBinding createOrExplain(StepContext context, RoleBinding binding) {
        try {
            return calls.write(context, () -> iam.createRoleBinding(binding));
        } catch (TerminalException e) {
            throw new TerminalException(context, e.getMessage() + " — granting " + ROLE + " on " + binding.crnPattern()
                    + " needs a Cloud API key whose owner may manage role bindings (OrganizationAdmin or EnvironmentAdmin);"
                    + " grant it once by hand or use such a key", e);
        }
    }
}
