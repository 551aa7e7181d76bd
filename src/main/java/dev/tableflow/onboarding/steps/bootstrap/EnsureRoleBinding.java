package dev.tableflow.onboarding.steps.bootstrap;

import dev.tableflow.onboarding.confluent.ConfluentApiException;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.IamClient;
import dev.tableflow.onboarding.confluent.model.RoleBinding;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.Endpoints;
import dev.tableflow.onboarding.steps.Integrations;
import dev.tableflow.onboarding.steps.ResourceOwnerBinding;
import dev.tableflow.onboarding.steps.ServiceAccountRoles;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Bootstrap step 2b: the TableFlow key's service account gets {@code ResourceOwner} on the provider
 * integration, as in Confluent's own BYOB example; without it the catalog integration cannot use the
 * integration. The integration is the stack's own, looked up by its name: an id in the input would give the service
 * account ownership of whatever integration the caller names. First, the roles TableFlow needs that are the
 * operator's to grant ({@link ServiceAccountRoles}) are checked: a missing one ends the bootstrap, named, before the
 * binding and the catalog integration, which would be of no use to an account TableFlow refuses.
 */
@ApplicationScoped
public class EnsureRoleBinding {

    public static final String STEP = "EnsureRoleBinding";
    static final String ROLE = ResourceOwnerBinding.ROLE;

    /** {@code providerIntegrationId} is refused when given (see {@link Integrations}). */
    public record Input(String providerIntegrationId, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String id, String crnPattern, Outcome outcome) implements Ensure.Reported {}

    private final ResourceOwnerBinding binding;
    private final ConfluentCalls calls;
    private final IamClient iam;
    private final Integrations integrations;

    private final ServiceAccountRoles roles;
    private final Endpoints endpoints;

    public EnsureRoleBinding(ResourceOwnerBinding binding, ConfluentCalls calls, IamClient iam, Integrations integrations,
            ServiceAccountRoles roles, Endpoints endpoints) {
        this.binding = binding;
        this.calls = calls;
        this.iam = iam;
        this.integrations = integrations;
        this.roles = roles;
        this.endpoints = endpoints;
    }

    public Output run(Input input) {
        String principal = binding.principal();
        StepContext context = new StepContext(STEP, "role binding " + ROLE + " for " + principal);
        Rules.absent(context, "providerIntegrationId", input.providerIntegrationId(), Integrations.LOOKED_UP);
        StepContext roleCheck = new StepContext(STEP, "roles of " + principal);
        List<ServiceAccountRoles.Required> missing = roles.missing(roleCheck, endpoints.schemaRegistry(roleCheck).clusterId());
        if (!missing.isEmpty()) {
            throw new TerminalException(roleCheck, ServiceAccountRoles.describe(principal, missing));
        }
        String integrationId = integrations.requireProvider(context).id();
        String crn = binding.crnPattern(context, integrationId);
        var ensured = Ensure.exists(context, () -> binding.find(context, crn), existing -> Optional.empty(),
                () -> createOrExplain(context, new RoleBinding(principal, ROLE, crn)));
        return new Output(ensured.resource().id(), crn, ensured.outcome());
    }

    private RoleBinding createOrExplain(StepContext context, RoleBinding binding) {
        try {
            return calls.write(context, () -> iam.createRoleBinding(binding));
        } catch (TerminalException e) {
            if (!(e.getCause() instanceof ConfluentApiException api) || !api.denied()) {
                throw e;
            }
            throw new TerminalException(context, api.describe() + " — granting " + ROLE + " on " + binding.crnPattern()
                    + " needs a Cloud API key whose owner may manage role bindings (OrganizationAdmin or EnvironmentAdmin);"
                    + " grant it once by hand or use such a key", e);
        }
    }
}
