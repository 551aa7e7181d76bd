package dev.tableflow.onboarding.steps.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.aws.CustomerRoleTrust;
import dev.tableflow.onboarding.aws.TrustPolicy;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.Integrations;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Pattern;

/**
 * Bootstrap step 4: the customer role trusts Confluent's IAM role, with Confluent's external id. It runs after
 * the catalog integration exists because only then does Confluent start assuming the role. Both values are read from
 * the stack's provider integration in Confluent: a role named in the input would be one the caller lets assume the
 * customer role.
 */
@ApplicationScoped
public class EnsureTrustPolicy {

    public static final String STEP = "EnsureTrustPolicy";

    /** {@code iamRoleArn} and {@code externalId} are refused when given (see {@link Integrations}). */
    public record Input(String iamRoleArn, String externalId, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String roleArn, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final CustomerRoleTrust trust;
    private final Integrations integrations;

    public EnsureTrustPolicy(EnvironmentSettings settings, CustomerRoleTrust trust, Integrations integrations) {
        this.settings = settings;
        this.trust = trust;
        this.integrations = integrations;
    }

    public Output run(Input input) {
        String roleArn = settings.config().customerRoleArn();
        StepContext context = new StepContext(STEP, "trust policy of " + roleArn);
        Rules.absent(context, "iamRoleArn", input.iamRoleArn(), Integrations.LOOKED_UP);
        Rules.absent(context, "externalId", input.externalId(), Integrations.LOOKED_UP);
        ProviderIntegration integration = integrations.requireProvider(context);
        // Confluent's values end up in an IAM policy: take nothing that is not exactly a role and an id.
        String confluentRole = confluents(context, integration, "iam_role_arn", integration.config().iamRoleArn(), Rules.IAM_ROLE_ARN);
        String externalId = confluents(context, integration, "external_id", integration.config().externalId(), Rules.UUID);
        ObjectNode wanted = TrustPolicy.statement(settings.trustStatementSid(), confluentRole, externalId);
        boolean wrote = trust.edit(context, roleArn, policy -> policy.with(wanted));
        return new Output(roleArn, Ensure.report(context, roleArn, wrote ? Outcome.UPDATED : Outcome.UNCHANGED).outcome());
    }

    private static String confluents(StepContext context, ProviderIntegration integration, String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new TerminalException(context, "provider integration " + integration.id() + " gives config." + field + " \""
                    + (value == null ? "" : Rules.abbreviate(value)) + "\", which does not belong in a trust policy; nothing was changed");
        }
        return value;
    }
}
