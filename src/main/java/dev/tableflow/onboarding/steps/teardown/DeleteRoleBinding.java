package dev.tableflow.onboarding.steps.teardown;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.IamClient;
import dev.tableflow.onboarding.confluent.model.RoleBinding;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.Integrations;
import dev.tableflow.onboarding.steps.ResourceOwnerBinding;
import jakarta.enterprise.context.ApplicationScoped;

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
    public record Input(Invocation invocation) implements Invocation.Carrier {}

    public record Output(String id, String crnPattern, Outcome outcome) implements Ensure.Reported {}

    private final ResourceOwnerBinding binding;
    private final Integrations lookup;
    private final ConfluentCalls calls;
    private final IamClient iam;

    public DeleteRoleBinding(ResourceOwnerBinding binding, Integrations lookup, ConfluentCalls calls, IamClient iam) {
        this.binding = binding;
        this.lookup = lookup;
        this.calls = calls;
        this.iam = iam;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "role binding " + ResourceOwnerBinding.ROLE + " for " + binding.principal());
        String crn = lookup.provider(context).map(integration -> binding.crnPattern(context, integration.id())).orElse(null);
        Optional<RoleBinding> found = crn == null ? Optional.empty() : binding.find(context, crn);
        found.ifPresent(existing -> calls.delete(context, () -> iam.deleteRoleBinding(existing.id())));
        return new Output(found.map(RoleBinding::id).orElse(null), crn,
                Ensure.report(context, crn, found.isPresent() ? Outcome.DELETED : Outcome.UNCHANGED).outcome());
    }
}
