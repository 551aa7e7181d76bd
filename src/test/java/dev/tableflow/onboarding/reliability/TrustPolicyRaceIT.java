package dev.tableflow.onboarding.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone else edits the customer role's trust policy while the bootstrap merges Confluent's statement into it.
 * The edits are made in moto at the exact moments the proxy sees the step's IAM calls answered.
 */
class TrustPolicyRaceIT extends WorkflowTestBase {

    static final String PARTNER = """
            {"Sid":"PartnerAccess","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sts:AssumeRole"}""";

    @BeforeEach
    void reset() {
        bed.reset();
    }

    @Test
    void statementAddedBetweenOurReadAndOurWriteIsKept() {
        // Right after the step's first read, a platform engineer adds a statement.
        bed.aws.afterAnswered(op -> op.action().equals("GetRole"), () -> addStatement(PARTNER));

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(sids()).containsExactly("AnalyticsJobs", "PartnerAccess", "ConfluentTableflowAssumeRole");
        assertThat(bed.aws.pendingHooks()).isZero();
    }

    @Test
    void ourStatementOverwrittenRightAfterOurWriteIsMergedBackOnTop() {
        // Right after our write, another tool writes its own version of the policy, based on what it read before.
        bed.aws.afterAnswered(op -> op.action().equals("UpdateAssumeRolePolicy"), () -> bed.iam.updateAssumeRolePolicy(r -> r
                .roleName(TestBed.CUSTOMER_ROLE)
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement("AnalyticsJobs") + "," + PARTNER + "]}")));

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(sids()).containsExactly("AnalyticsJobs", "PartnerAccess", "ConfluentTableflowAssumeRole");
        assertThat(bed.aws.calls().stream().filter(c -> c.action().equals("UpdateAssumeRolePolicy") && !c.injected())).as("ours, then ours merged back").hasSize(2);
    }

    @Test
    void ourStatementIsExactlyScopedAndAWiderOneOfOurSidIsReplaced() {
        // A hand-made statement with our Sid that trusts anyone: the bootstrap must narrow it, not keep it.
        bed.iam.updateAssumeRolePolicy(r -> r.roleName(TestBed.CUSTOMER_ROLE).policyDocument("""
                {"Version":"2012-10-17","Statement":[%s,
                 {"Sid":"ConfluentTableflowAssumeRole","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"""
                .formatted(statement("AnalyticsJobs"))));

        ExecutionResult run = bed.bootstrap();

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        JsonNode integration = single(bed.confluent.providerIntegrations().list()).path("config");
        JsonNode ours = statements().get(1);
        assertThat(ours).isEqualTo(TestBed.parse("""
                {"Sid":"ConfluentTableflowAssumeRole","Effect":"Allow","Principal":{"AWS":"%s"},
                 "Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"sts:ExternalId":"%s"}}}"""
                .formatted(integration.path("iam_role_arn").asText(), integration.path("external_id").asText())));
        assertThat(statements()).hasSize(2);
    }

    private static void addStatement(String statement) {
        JsonNode policy = bed.trustPolicy();
        StringBuilder all = new StringBuilder();
        policy.path("Statement").forEach(s -> all.append(s).append(','));
        bed.iam.updateAssumeRolePolicy(r -> r.roleName(TestBed.CUSTOMER_ROLE)
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[" + all + statement + "]}"));
    }

    /** The statement of the same Sid in the policy the test bed seeded. */
    private static String statement(String sid) {
        return StreamSupport.stream(TestBed.parse(TestBed.EXISTING_TRUST).path("Statement").spliterator(), false)
                .filter(s -> s.path("Sid").asText().equals(sid)).findFirst().orElseThrow().toString();
    }

    private static List<JsonNode> statements() {
        return StreamSupport.stream(bed.trustPolicy().path("Statement").spliterator(), false).toList();
    }

    private static List<String> sids() {
        return statements().stream().map(s -> s.path("Sid").asText()).toList();
    }
}
