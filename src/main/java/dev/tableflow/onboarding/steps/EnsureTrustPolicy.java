package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.aws.AwsCalls;
import dev.tableflow.onboarding.aws.TrustPolicy;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.errors.RetryableException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
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
    /** Each attempt is read, merge, re-read, write; the final read of a successful attempt confirms the write. */
    static final int ATTEMPTS = 4;

    /** From the provider integration: Confluent's role and the external id it presents. */
    public record Input(String iamRoleArn, String externalId, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String roleArn, Outcome outcome) implements Ensure.Reported {}

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

        ObjectNode wanted = TrustPolicy.statement(confluentRole, externalId);
        boolean wrote = false;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String read = policyDocument(context, roleName);
            Optional<TrustPolicy> merged = parse(context, read).with(wanted);
            if (merged.isEmpty()) {
                return new Output(roleArn, Ensure.report(context, roleArn, wrote ? Outcome.UPDATED : Outcome.UNCHANGED).outcome());
            }
            // IAM has no conditional update. Someone else's statement added since our read would be overwritten, so
            // read once more right before writing and merge again if the policy moved.
            if (!read.equals(policyDocument(context, roleName))) {
                continue;
            }
            AwsCalls.call(context, () -> iam.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(merged.get().toJson())));
            wrote = true;
            // A writer that raced the last instant shows up here as a policy without our statement: the next attempt
            // merges ours back on top of theirs. Otherwise the next read finds nothing to change and reports UPDATED.
        }
        throw new RetryableException(context, "the trust policy kept changing while it was being merged (" + ATTEMPTS + " attempts)", null);
    }

    private String policyDocument(StepContext context, String roleName) {
        return AwsCalls.call(context, () -> iam.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument());
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
