package dev.tableflow.onboarding.steps.bootstrap;

import dev.tableflow.onboarding.aws.CustomerRoleTrust;
import dev.tableflow.onboarding.aws.TrustPolicy;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.steps.Integrations;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What Confluent answers for the stack's provider integration goes into the customer role's trust policy, so it is
 * held to being an IAM role and a UUID there too. The test server always answers well, hence this test at the step.
 */
class EnsureTrustPolicyTest {

    private static final String CUSTOMER_ROLE = "arn:aws:iam::123456789012:role/tableflow";
    private static final String CONFLUENTS_ROLE = "arn:aws:iam::000000000000:role/confluent-provider-integration-dlz-1";
    private static final String EXTERNAL_ID = "0b6f3c1e-5a8e-4b8f-9a55-6f1f1d2c3e4f";

    /** The trust policies the step would have written. */
    private final List<TrustPolicy> written = new ArrayList<>();

    @Test
    void confluentsRoleAndExternalIdMakeTheStatement() {
        step(CONFLUENTS_ROLE, EXTERNAL_ID).run(new EnsureTrustPolicy.Input(null, null, null));

        assertThat(written).singleElement().extracting(TrustPolicy::toJson).asString()
                .contains(CONFLUENTS_ROLE).contains(EXTERNAL_ID).contains(TrustPolicy.SID);
    }

    @Test
    void anAnswerThatIsNotARoleAndAnIdIsRefusedAndNothingWritten() {
        for (String[] answer : new String[][] {{"*", EXTERNAL_ID}, {"arn:aws:iam::000000000000:user/confluent", EXTERNAL_ID},
                {null, EXTERNAL_ID}, {CONFLUENTS_ROLE, "any"}, {CONFLUENTS_ROLE, null}}) {
            EnsureTrustPolicy step = step(answer[0], answer[1]);

            assertThatThrownBy(() -> step.run(new EnsureTrustPolicy.Input(null, null, null))).as(String.join(", ", String.valueOf(answer[0]), answer[1]))
                    .isInstanceOf(TerminalException.class)
                    .hasMessageStartingWith("EnsureTrustPolicy: trust policy of " + CUSTOMER_ROLE + ": provider integration dlz-1 gives config.")
                    .hasMessageEndingWith("which does not belong in a trust policy; nothing was changed");
        }
        assertThat(written).isEmpty();
    }

    private EnsureTrustPolicy step(String confluentsRole, String externalId) {
        TableflowConfig config = (TableflowConfig) Proxy.newProxyInstance(TableflowConfig.class.getClassLoader(), new Class<?>[] {TableflowConfig.class},
                (proxy, method, args) -> method.getName().equals("customerRoleArn") ? CUSTOMER_ROLE : Optional.empty());
        ProviderIntegration integration = new ProviderIntegration("dlz-1", "dev-provider-glue", "AWS",
                new ProviderIntegration.AwsConfig("AwsIntegrationConfig", CUSTOMER_ROLE, confluentsRole, externalId), null);
        Integrations lookup = new Integrations(null, null, null, null) {
            @Override
            public ProviderIntegration requireProvider(StepContext context) {
                return integration;
            }
        };
        CustomerRoleTrust trust = new CustomerRoleTrust(null) {
            @Override
            public boolean edit(StepContext context, String roleArn, Function<TrustPolicy, Optional<TrustPolicy>> change) {
                change.apply(TrustPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[]}")).ifPresent(written::add);
                return true;
            }
        };
        return new EnsureTrustPolicy(new EnvironmentSettings(config), trust, lookup);
    }
}
