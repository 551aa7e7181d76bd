package dev.tableflow.onboarding.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles Confluent's TableFlow RBAC page requires of the principal that enables TableFlow (issue 21 item 4):
 * CloudClusterAdmin on the cluster and DeveloperRead on all schema subjects are the operator's to grant (or
 * EnvironmentAdmin, as the README sets the service account up); the bootstrap checks them and names the one missing,
 * the status report shows them, and TableFlow itself refuses a topic with 403 without them.
 */
class ServiceAccountRolesIT extends WorkflowTestBase {

    private String principal;
    private String environmentCrn;

    @BeforeEach
    void freshAccount() {
        bed.reset();
        principal = "User:" + bed.confluent.serviceAccountId();
        environmentCrn = "crn://confluent.cloud/organization=" + bed.confluent.organizationId() + "/environment=" + bed.confluent.environmentId();
    }

    @Test
    void aBootstrapForAServiceAccountWithoutTheRolesFailsNamingEachAndHowToGrantIt() {
        bed.confluent.roleBindings().revokeOperatorGrant();

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo(TERMINAL);
        assertThat(run.cause()).contains("EnsureRoleBinding: roles of " + principal + ": " + principal + " lacks CloudClusterAdmin on "
                        + environmentCrn + "/cloud-cluster=" + bed.confluent.kafkaClusterId())
                .contains("DeveloperRead on " + environmentCrn + "/schema-registry=" + bed.confluent.schemaRegistryClusterId() + "/subject=*")
                .contains("confluent iam rbac role-binding create --principal " + principal + " --environment " + bed.confluent.environmentId()
                        + " --role CloudClusterAdmin --cloud-cluster " + bed.confluent.kafkaClusterId());
        assertThat(bed.confluent.roleBindings().list()).as("no ResourceOwner granted to an account that cannot use it").isEmpty();
        assertThat(bed.confluent.catalogIntegrations().list()).isEmpty();
    }

    @Test
    void theTwoRolesGrantedOneByOneInsteadOfEnvironmentAdminAreEnoughToOnboard() {
        bed.confluent.roleBindings().revokeOperatorGrant();
        bed.confluent.roleBindings().grant(principal, "DeveloperRead",
                environmentCrn + "/schema-registry=" + bed.confluent.schemaRegistryClusterId() + "/subject=*");

        ExecutionResult partial = bed.bootstrap();
        assertThat(partial.status()).isEqualTo("FAILED");
        assertThat(partial.cause()).contains("lacks CloudClusterAdmin on ").doesNotContain("DeveloperRead on");

        bed.confluent.roleBindings().grant(principal, "CloudClusterAdmin", environmentCrn + "/cloud-cluster=" + bed.confluent.kafkaClusterId());
        ExecutionResult bootstrap = bed.bootstrap();
        assertThat(bootstrap.status()).as(bootstrap.cause()).isEqualTo("SUCCEEDED");
        ExecutionResult onboarding = bed.onboard(TestBed.sampleDetail("onboard-topic2.json"));
        assertThat(onboarding.succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        assertThat(outcomes).singleElement().satisfies(e -> assertThat(e.path("detail-type").asText()).isEqualTo("TopicOnboarded"));
        assertThat(StatusReportIT.ok(StatusReportIT.status("{}"), "service account roles")).isTrue();
    }

    @Test
    void rolesRevokedAfterTheBootstrapAreAStatusProblemAndTableflowRefusesTheNextTopicWithItsOwn403() {
        assertThat(bed.bootstrap().succeeded()).isTrue();
        // Later than a new binding's settling time, in which a 403 would be taken for the binding not in effect yet.
        bed.confluent.roleBindings().age(Duration.ofMinutes(10));
        bed.confluent.roleBindings().revokeOperatorGrant();

        JsonNode roles = StatusReportIT.problem(StatusReportIT.status("{}"), "service account roles");
        assertThat(roles.path("troubleshooting").asText()).isEqualTo("Service Account Roles");
        assertThat(roles.path("detail").asText()).contains("lacks CloudClusterAdmin on ", "DeveloperRead on ");

        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        JsonNode failed = outcomes.getFirst().path("detail");
        assertThat(outcomes.getFirst().path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.path("step").asText()).isEqualTo("EnsureTableflowTopic");
        assertThat(failed.path("errorType").asText()).isEqualTo(TERMINAL);
        assertThat(failed.path("cause").asText()).contains("403").contains("without the 'CloudClusterAdmin' role");
        assertThat(bed.confluent.tableflowTopics().list()).isEmpty();
    }

    /**
     * Confluent applies a new role binding after a while (terraform-provider-confluent waits 90 s): the first topic
     * right after the bootstrap can meet a 403 for the ResourceOwner binding the bootstrap just made. It is not ready
     * yet, retried, and the topic is onboarded once the binding is in effect.
     */
    @Test
    void aTopicRightAfterTheBootstrapWaitsForItsNewBindingToTakeEffect() {
        bed.confluent.roleBindings().revokeOperatorGrant();
        bed.confluent.roleBindings().grant(principal, "DeveloperRead",
                environmentCrn + "/schema-registry=" + bed.confluent.schemaRegistryClusterId() + "/subject=*");
        bed.confluent.roleBindings().grant(principal, "CloudClusterAdmin", environmentCrn + "/cloud-cluster=" + bed.confluent.kafkaClusterId());
        bed.confluent.roleBindings().propagateAfter(2);
        assertThat(bed.bootstrap().succeeded()).isTrue();

        ExecutionResult onboarding = bed.onboard(TestBed.sampleDetail("onboard-topic2.json"));

        assertThat(onboarding.succeeded()).isTrue();
        assertThat(onboarding.errors("EnsureTableflowTopic")).as("two checks before the binding is in effect").containsExactly(NOT_READY, NOT_READY);
        outcomes.addAll(bed.outcomeEvents());
        assertThat(outcomes).singleElement().satisfies(e -> assertThat(e.path("detail-type").asText()).isEqualTo("TopicOnboarded"));
    }
}
