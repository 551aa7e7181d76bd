package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustPolicyTest {

    static final String CONFLUENT = "arn:aws:iam::111122223333:role/confluent-tableflow";
    static final String EXTERNAL_ID = "0b6f3c1e-5a8e-4b8f-9a55-6f1f1d2c3e4f";
    static final String LAMBDA_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    @Test
    void addsExactlyScopedStatementAndKeepsOthers() {
        TrustPolicy merged = TrustPolicy.parse(LAMBDA_TRUST).with(TrustPolicy.statement(CONFLUENT, EXTERNAL_ID)).orElseThrow();

        JsonNode statements = merged.document().get("Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).path("Principal").path("Service").asText()).isEqualTo("lambda.amazonaws.com");
        JsonNode ours = statements.get(1);
        assertThat(ours.path("Sid").asText()).isEqualTo(TrustPolicy.SID);
        assertThat(ours.path("Principal").size()).isEqualTo(1);
        assertThat(ours.path("Principal").path("AWS").asText()).isEqualTo(CONFLUENT);
        assertThat(ours.path("Action")).extracting(JsonNode::asText).containsExactly("sts:AssumeRole", "sts:TagSession");
        assertThat(ours.path("Condition").path("StringEquals").path("sts:ExternalId").asText()).isEqualTo(EXTERNAL_ID);
        assertThat(ours.path("Condition").size()).isEqualTo(1);
    }

    @Test
    void nothingToWriteWhenStatementIsAlreadyThere() {
        TrustPolicy once = TrustPolicy.parse(LAMBDA_TRUST).with(TrustPolicy.statement(CONFLUENT, EXTERNAL_ID)).orElseThrow();

        assertThat(TrustPolicy.parse(once.toJson()).with(TrustPolicy.statement(CONFLUENT, EXTERNAL_ID))).isEmpty();
    }

    @Test
    void replacesOurStatementWhenExternalIdChanged() {
        TrustPolicy old = TrustPolicy.parse(LAMBDA_TRUST).with(TrustPolicy.statement(CONFLUENT, "11111111-2222-3333-4444-555555555555")).orElseThrow();

        TrustPolicy merged = old.with(TrustPolicy.statement(CONFLUENT, EXTERNAL_ID)).orElseThrow();

        assertThat(merged.document().get("Statement")).hasSize(2);
        assertThat(merged.document().get("Statement").get(1).path("Condition").path("StringEquals").path("sts:ExternalId").asText())
                .isEqualTo(EXTERNAL_ID);
    }

    @Test
    void withoutRemovesOnlyOurStatement() {
        TrustPolicy merged = TrustPolicy.parse(LAMBDA_TRUST).with(TrustPolicy.statement(CONFLUENT, EXTERNAL_ID)).orElseThrow();

        TrustPolicy removed = merged.without().orElseThrow();

        assertThat(removed.document()).isEqualTo(TrustPolicy.parse(LAMBDA_TRUST).document());
        assertThat(removed.hasStatements()).isTrue();
        assertThat(removed.without()).as("nothing left to remove").isEmpty();
    }

    @Test
    void withoutOurStatementAsTheOnlyOneLeavesNoStatement() {
        String ours = "{\"Version\":\"2012-10-17\",\"Statement\":" + TrustPolicy.statement(CONFLUENT, EXTERNAL_ID) + "}";

        assertThat(TrustPolicy.parse(ours).without().orElseThrow().hasStatements()).isFalse();
    }

    @Test
    void acceptsSingleStatementObjectForm() {
        String single = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}""";

        TrustPolicy merged = TrustPolicy.parse(single).with(TrustPolicy.statement(CONFLUENT, EXTERNAL_ID)).orElseThrow();

        assertThat(merged.document().get("Statement").isArray()).isTrue();
        assertThat(merged.document().get("Statement")).hasSize(2);
    }

    @Test
    void refusesDocumentsThatAreNotPolicies() {
        assertThatThrownBy(() -> TrustPolicy.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustPolicy.parse("[1,2]")).isInstanceOf(IllegalArgumentException.class);
    }
}
