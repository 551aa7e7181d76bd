package dev.tableflow.onboarding.steps.teardown;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tableflow.onboarding.aws.CustomerRoleTrust;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Teardown: the customer role stops trusting Confluent's role. Only our statement goes (recognised by its Sid);
 * every other statement of the customer's stays as it is.
 */
@ApplicationScoped
public class RemoveTrustStatement {

    public static final String STEP = "RemoveTrustStatement";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Invocation invocation) implements Invocation.Carrier {}

    public record Output(String roleArn, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final CustomerRoleTrust trust;

    public RemoveTrustStatement(EnvironmentSettings settings, CustomerRoleTrust trust) {
        this.settings = settings;
        this.trust = trust;
    }

    public Output run(Input input) {
        String roleArn = settings.config().customerRoleArn();
        StepContext context = new StepContext(STEP, "trust policy of " + roleArn);
        String sid = settings.trustStatementSid();
        boolean wrote = trust.edit(context, roleArn, policy -> policy.without(sid).map(rest -> {
            // IAM refuses a trust policy without statements; the role is the customer's to delete or re-trust.
            if (!rest.hasStatements()) {
                throw new TerminalException(context, "statement " + sid + " is the role's only one and IAM refuses a trust"
                        + " policy without statements: give the role another trust statement or delete it, then run the teardown again");
            }
            return rest;
        }));
        return new Output(roleArn, Ensure.report(context, roleArn, wrote ? Outcome.DELETED : Outcome.UNCHANGED).outcome());
    }
}
