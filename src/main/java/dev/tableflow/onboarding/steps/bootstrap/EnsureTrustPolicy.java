package dev.tableflow.onboarding.steps.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.aws.CustomerRoleTrust;
import dev.tableflow.onboarding.aws.TrustPolicy;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bootstrap step 4: the customer role trusts Confluent's IAM role, with Confluent's external id. It runs after
 * the catalog integration exists because only then does Confluent start assuming the role.
 */
@ApplicationScoped
public class EnsureTrustPolicy {

    public static final String STEP = "EnsureTrustPolicy";

    /** From the provider integration: Confluent's role and the external id it presents. */
    public record Input(String iamRoleArn, String externalId, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String roleArn, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final CustomerRoleTrust trust;

    public EnsureTrustPolicy(EnvironmentSettings settings, CustomerRoleTrust trust) {
        this.settings = settings;
        this.trust = trust;
    }

    public Output run(Input input) {
        String roleArn = settings.config().customerRoleArn();
        StepContext context = new StepContext(STEP, "trust policy of " + roleArn);
        // Confluent's values end up in an IAM policy: refuse anything that is not exactly a role and an id.
        String confluentRole = Rules.require(context, "iamRoleArn", input.iamRoleArn(), Rules.IAM_ROLE_ARN, "an IAM role ARN");
        String externalId = Rules.require(context, "externalId", input.externalId(), Rules.UUID, "a UUID external id");
        ObjectNode wanted = TrustPolicy.statement(settings.trustStatementSid(), confluentRole, externalId);
        boolean wrote = trust.edit(context, roleArn, policy -> policy.with(wanted));
        return new Output(roleArn, Ensure.report(context, roleArn, wrote ? Outcome.UPDATED : Outcome.UNCHANGED).outcome());
    }
}
