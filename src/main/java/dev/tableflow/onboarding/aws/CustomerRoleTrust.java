package dev.tableflow.onboarding.aws;

import dev.tableflow.onboarding.errors.RetryableException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.function.Function;

/**
 * Edits the customer role's trust policy, the one place the application writes it (adding our statement in the
 * bootstrap, removing it in the teardown). IAM has no conditional update: someone else's statement added since our
 * read would be overwritten, so each attempt reads, changes, re-reads right before writing and starts over if the
 * policy moved. The final read of a successful attempt confirms the write.
 */
@ApplicationScoped
public class CustomerRoleTrust {

    static final int ATTEMPTS = 4;

    private final IamRoles iam;

    public CustomerRoleTrust(IamRoles iam) {
        this.iam = iam;
    }

    /**
     * @param change the changed policy, or empty when the policy already is as wanted
     * @return whether it wrote the policy
     */
    public boolean edit(StepContext context, String roleArn, Function<TrustPolicy, Optional<TrustPolicy>> change) {
        boolean wrote = false;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String read = policyDocument(context, roleArn);
            Optional<TrustPolicy> changed = change.apply(parse(context, read));
            if (changed.isEmpty()) {
                return wrote;
            }
            if (!read.equals(policyDocument(context, roleArn))) {
                continue;
            }
            AwsCalls.call(context, () -> {
                iam.updateTrustPolicy(roleArn, changed.get().toJson());
                return null;
            });
            wrote = true;
            // A writer that raced the last instant shows up in the next read: the change is applied again on top of
            // theirs. Otherwise the next read finds nothing to change.
        }
        throw new RetryableException(context, "the trust policy kept changing while it was being edited (" + ATTEMPTS + " attempts)", null);
    }

    private String policyDocument(StepContext context, String roleArn) {
        return AwsCalls.call(context, () -> iam.trustPolicy(roleArn));
    }

    private static TrustPolicy parse(StepContext context, String document) {
        try {
            return TrustPolicy.parse(document);
        } catch (IllegalArgumentException e) {
            throw new TerminalException(context, e.getMessage(), e);
        }
    }
}
