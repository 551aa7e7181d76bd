package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustPolicyTest {

    static final String CONFLUENT = "arn:aws:iam::111122223333:role/confluent-tableflow";
    static final String EXTERNAL_ID = "0b6f3c1e-5a8e-4b8f-9a55-6f1f1d2c3e4f";
    static final String OTHER_CONFLUENT = "arn:aws:iam::111122223333:role/confluent-tableflow-eu";
    static final String OTHER_EXTERNAL_ID = "7d2a1c4b-0e9f-4a3b-8c6d-5e4f3a2b1c0d";
    static final String LAMBDA_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    @Test
    void addsExactlyScopedStatementAndKeepsOthers() {
        TrustPolicy merged = TrustPolicy.parse(LAMBDA_TRUST).with(TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, EXTERNAL_ID)).orElseThrow();

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
        TrustPolicy once = TrustPolicy.parse(LAMBDA_TRUST).with(TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, EXTERNAL_ID)).orElseThrow();

        assertThat(TrustPolicy.parse(once.toJson()).with(TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, EXTERNAL_ID))).isEmpty();
    }

    @Test
    void replacesOurStatementWhenExternalIdChanged() {
        TrustPolicy old = TrustPolicy.parse(LAMBDA_TRUST).with(TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, "11111111-2222-3333-4444-555555555555")).orElseThrow();

        TrustPolicy merged = old.with(TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, EXTERNAL_ID)).orElseThrow();

        assertThat(merged.document().get("Statement")).hasSize(2);
        assertThat(merged.document().get("Statement").get(1).path("Condition").path("StringEquals").path("sts:ExternalId").asText())
                .isEqualTo(EXTERNAL_ID);
    }

    @Test
    void stacksOfTwoRegionsEachOwnOnlyTheirStatement() {
        ObjectNode us = TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, EXTERNAL_ID);
        ObjectNode eu = TrustPolicy.statement(TrustPolicy.SID + "Euw1", OTHER_CONFLUENT, OTHER_EXTERNAL_ID);

        TrustPolicy both = TrustPolicy.parse(LAMBDA_TRUST).with(us).orElseThrow().with(eu).orElseThrow();

        assertThat(both.document().get("Statement")).hasSize(3);
        assertThat(both.document().get("Statement").get(1)).isEqualTo(us);
        assertThat(both.document().get("Statement").get(2)).isEqualTo(eu);
        // Each stack's re-run finds its own statement exact and writes nothing, whatever the other one wrote.
        assertThat(both.with(us)).isEmpty();
        assertThat(both.with(eu)).isEmpty();
    }

    @Test
    void aNewIntegrationReplacesOnlyTheStatementOfItsOwnSid() {
        ObjectNode us = TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, EXTERNAL_ID);
        TrustPolicy both = TrustPolicy.parse(LAMBDA_TRUST).with(us).orElseThrow()
                .with(TrustPolicy.statement(TrustPolicy.SID + "Euw1", OTHER_CONFLUENT, OTHER_EXTERNAL_ID)).orElseThrow();
        ObjectNode recreated = TrustPolicy.statement(TrustPolicy.SID + "Euw1", OTHER_CONFLUENT, EXTERNAL_ID);

        TrustPolicy merged = both.with(recreated).orElseThrow();

        assertThat(merged.document().get("Statement")).hasSize(3);
        assertThat(merged.document().get("Statement").get(1)).isEqualTo(us);
        assertThat(merged.document().get("Statement").get(2)).isEqualTo(recreated);
    }

    @Test
    void withoutRemovesOnlyOurStatement() {
        TrustPolicy merged = TrustPolicy.parse(LAMBDA_TRUST).with(TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, EXTERNAL_ID)).orElseThrow();

        TrustPolicy removed = merged.without(TrustPolicy.SID).orElseThrow();

        assertThat(removed.document()).isEqualTo(TrustPolicy.parse(LAMBDA_TRUST).document());
        assertThat(removed.hasStatements()).isTrue();
        assertThat(removed.without(TrustPolicy.SID)).as("nothing left to remove").isEmpty();
    }

    @Test
    void withoutKeepsAnotherRegionsStatement() {
        ObjectNode eu = TrustPolicy.statement(TrustPolicy.SID + "Euw1", OTHER_CONFLUENT, OTHER_EXTERNAL_ID);
        TrustPolicy both = TrustPolicy.parse(LAMBDA_TRUST).with(TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, EXTERNAL_ID)).orElseThrow()
                .with(eu).orElseThrow();

        TrustPolicy removed = both.without(TrustPolicy.SID).orElseThrow();

        assertThat(removed.document().get("Statement")).hasSize(2);
        assertThat(removed.document().get("Statement").get(1)).isEqualTo(eu);
    }

    @Test
    void withoutOurStatementAsTheOnlyOneLeavesNoStatement() {
        String ours = "{\"Version\":\"2012-10-17\",\"Statement\":" + TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, EXTERNAL_ID) + "}";

        assertThat(TrustPolicy.parse(ours).without(TrustPolicy.SID).orElseThrow().hasStatements()).isFalse();
    }

    @Test
    void acceptsSingleStatementObjectForm() {
        String single = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}""";

        TrustPolicy merged = TrustPolicy.parse(single).with(TrustPolicy.statement(TrustPolicy.SID, CONFLUENT, EXTERNAL_ID)).orElseThrow();

        assertThat(merged.document().get("Statement").isArray()).isTrue();
        assertThat(merged.document().get("Statement")).hasSize(2);
    }

    @Test
    void refusesDocumentsThatAreNotPolicies() {
        assertThatThrownBy(() -> TrustPolicy.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustPolicy.parse("[1,2]")).isInstanceOf(IllegalArgumentException.class);
    }
}
