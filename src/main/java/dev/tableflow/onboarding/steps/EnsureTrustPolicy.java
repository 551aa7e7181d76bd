package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.aws.AwsCalls;
import dev.tableflow.onboarding.aws.TrustPolicy;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bootstrap step 4: the customer role trusts Confluent's IAM role, with Confluent's external id. It runs after
 * the catalog integration exists because only then does Confluent start assuming the role.
 */
@ApplicationScoped
public class EnsureTrustPolicy {

    public static final String STEP = "EnsureTrustPolicy";

    /** From the provider integration: Confluent's role and the external id it presents. */
    public record Input(String iamRoleArn, String externalId) {}

    public record Output(String roleArn, Outcome outcome) {}

    private final EnvironmentSettings settings;
    private final IamClient iam;

    public EnsureTrustPolicy(EnvironmentSettings settings, IamClient iam) {
        this.settings = settings;
        this.iam = iam;
    }

    public Output run(Input input) {
        String roleArn = settings.config().customerRoleArn();
        StepContext context = new StepContext(STEP, "trust policy of " + roleArn);
        // Confluent's values end up in an IAM policy: refuse anything that is not exactly a role and an id.
        String confluentRole = Rules.require(context, "iamRoleArn", input.iamRoleArn(), Rules.IAM_ROLE_ARN, "an IAM role ARN");
        String externalId = Rules.require(context, "externalId", input.externalId(), Rules.UUID, "a UUID external id");
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);

        String current = AwsCalls.call(context, () -> iam.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument());
        TrustPolicy policy = parse(context, current);
        Optional<TrustPolicy> merged = policy.with(TrustPolicy.statement(confluentRole, externalId));
        if (merged.isEmpty()) {
            return new Output(roleArn, Ensure.report(context, roleArn, Outcome.UNCHANGED).outcome());
        }
        AwsCalls.call(context, () -> iam.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(merged.get().toJson())));
        return new Output(roleArn, Ensure.report(context, roleArn, Outcome.UPDATED).outcome());
    }

    /** IAM returns policy documents URL-encoded (RFC 3986). */
    private static TrustPolicy parse(StepContext context, String document) {
        try {
            return TrustPolicy.parse(URLDecoder.decode(document, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new TerminalException(context, e.getMessage(), e);
        }
    }
}
