package dev.tableflow.onboarding.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled drift check: the bootstrap workflow started with {"mode":"check"}, as template.yaml's schedule does. */
class DriftRepairIT extends WorkflowTestBase {

    static final String CHECK = "{\"mode\":\"check\"}";

    @BeforeEach
    void bootstrapped() {
        bed.reset();
        assertThat(bed.bootstrap().succeeded()).isTrue();
    }

    @Test
    void noDriftMeansNothingIsWrittenAndNothingPublished() {
        long writes = bed.confluent.writes();
        bed.aws.reset();

        ExecutionResult check = bed.stepFunctions.run("BootstrapStateMachine", CHECK);

        assertThat(check.status()).as(check.cause()).isEqualTo("SUCCEEDED");
        assertThat(check.statesEntered()).containsExactly("ChooseMode", "DetectDrift", "DriftFound", "NoDrift");
        assertThat(bed.confluent.writes()).isEqualTo(writes);
        assertThat(bed.aws.writes()).isZero();
        assertThat(bed.outcomeEvents()).isEmpty();
    }

    /**
     * Confluent syncs a catalog only once a topic of its cluster has TableFlow: a fresh environment's integration is
     * PENDING until its first onboarding, which the report says, and which is not drift.
     */
    @Test
    void aFreshEnvironmentsCatalogPendingUntilItsFirstTopicIsReportedAsSuchAndIsNoDrift() {
        assertThat(single(bed.confluent.catalogIntegrations().list()).at("/status/phase").asText()).isEqualTo("PENDING");

        JsonNode report = bed.lambda.invoke("ReportStatusFunction", "{}").responseJson();
        ExecutionResult check = bed.stepFunctions.run("BootstrapStateMachine", CHECK);

        JsonNode catalog = StreamSupport.stream(report.path("checks").spliterator(), false)
                .filter(c -> c.path("name").asText().equals("catalog integration")).findFirst().orElseThrow();
        assertThat(catalog.path("ok").asBoolean()).as(report.toPrettyString()).isTrue();
        assertThat(catalog.path("detail").asText()).endsWith(" " + CatalogIntegration.CONNECTS_WITH_FIRST_TOPIC);
        assertThat(report.path("bootstrapHealthy").asBoolean()).isTrue();
        assertThat(check.statesEntered()).containsExactly("ChooseMode", "DetectDrift", "DriftFound", "NoDrift");
        assertThat(bed.outcomeEvents()).isEmpty();
    }

    /** Once a topic has TableFlow, a catalog still PENDING is not connecting: that is drift, reported with the runbook's case. */
    @Test
    void aCatalogStillPendingOnceATopicHasTableflowIsDrift() {
        bed.confluent.catalogIntegrations().delete(single(bed.confluent.catalogIntegrations().list()).path("id").asText());
        bed.confluent.catalogIntegrations().getsUntilConnected(Integer.MAX_VALUE);
        assertThat(bed.bootstrap().succeeded()).as("no topic yet: PENDING is expected").isTrue();
        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        List<JsonNode> onboarded = bed.outcomeEvents();
        outcomes.addAll(onboarded);
        assertThat(single(onboarded).path("detail-type").asText()).as("the Glue sync never came").isEqualTo("TopicOnboardingFailed");

        ExecutionResult check = bed.stepFunctions.run("BootstrapStateMachine", CHECK);

        List<JsonNode> events = bed.outcomeEvents().stream().filter(e -> e.path("detail-type").asText().equals("TableflowDriftDetected")).toList();
        outcomes.addAll(events);
        assertThat(problems(single(events).path("detail"))).contains("catalog integration");
        assertThat(check.statesEntered()).contains("DetectDrift", "CheckCatalogIntegration");
        assertThat(check.status()).as("the repair waits for CONNECTED, bounded, then fails").isEqualTo("FAILED");
        assertThat(check.error()).isEqualTo(NOT_READY);
    }

    @Test
    void driftIsPublishedThenRepaired() {
        bed.confluent.catalogIntegrations().delete(bed.confluent.catalogIntegrations().list().get(0).path("id").asText());
        bed.iam.updateAssumeRolePolicy(r -> r.roleName(TestBed.CUSTOMER_ROLE).policyDocument(TestBed.EXISTING_TRUST));
        bed.secrets.deleteSecret(r -> r.secretId(TestBed.SECRET_PREFIX + "tableflow-api-key").forceDeleteWithoutRecovery(true));
        bed.confluent.roleBindings().delete(bed.confluent.roleBindings().list().get(0).path("id").asText());
        bed.confluent.apiKeys().age(Duration.ofHours(6)); // the check runs every six hours: the bootstrap is that old

        ExecutionResult check = bed.stepFunctions.run("BootstrapStateMachine", CHECK);

        assertThat(check.status()).as(check.cause()).isEqualTo("SUCCEEDED");
        assertThat(check.statesEntered()).contains("DetectDrift", "EnsureTableflowApiKey", "EnsureRoleBinding", "EnsureCatalogIntegration",
                "EnsureTrustPolicy");
        List<JsonNode> events = bed.outcomeEvents();
        outcomes.addAll(events);
        JsonNode drift = single(events);
        assertThat(drift.path("detail-type").asText()).isEqualTo("TableflowDriftDetected");
        assertThat(problems(drift.path("detail"))).contains("TableFlow API key", "role binding", "trust policy");
        assertThat(bed.confluent.catalogIntegrations().list()).hasSize(1);
        assertThat(bed.confluent.roleBindings().list()).hasSize(1);
        assertThat(check.output().path("roleBinding").path("outcome").asText()).isEqualTo("CREATED");
        assertThat(bed.trustPolicy().path("Statement")).hasSize(2);
        assertThat(check.output().path("tableflowApiKey").path("outcome").asText()).isEqualTo("REPLACED");

        JsonNode after = bed.lambda.invoke("ReportStatusFunction", "{}").responseJson();
        assertThat(after.path("bootstrapHealthy").asBoolean()).as(after.toPrettyString()).isTrue();
    }

    private static List<String> problems(JsonNode report) {
        return StreamSupport.stream(report.path("checks").spliterator(), false)
                .filter(c -> !c.path("ok").asBoolean()).map(c -> c.path("name").asText()).toList();
    }
}
