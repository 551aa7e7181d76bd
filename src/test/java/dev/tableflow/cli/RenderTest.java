package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the CLI reads out of the stack's events and how it shows it. */
class RenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shape of a TopicOnboardingPlanned event (README "Plan before apply"). */
    private static final String PLANNED = """
            {"detail-type":"TopicOnboardingPlanned","detail":{"environment":"dev","execution":"onboard-abc",
             "apiKeys":[{"resource":"kafkaApiKey","name":"tableflow-onboarding/dev/tableflow-topic-key","action":"ADOPT","reason":"key exists"}],
             "topics":[{"topic":"topic2","action":"UPDATE","resources":[{"resource":"kafkaTopic","name":"topic2","action":"UPDATE","reason":"partitions 1 -> 4"}]},
                       {"topic":"clicks","action":"REFUSE","resources":[{"resource":"kafkaTopic","name":"clicks","action":"REFUSE","reason":"partitions 6 -> 2: a topic never shrinks"}]}]}}""";

    @Test
    void findsThePlanOfItsOwnExecutionAndShowsEachChange() throws Exception {
        JsonNode other = JSON.readTree(PLANNED.replace("onboard-abc", "onboard-other"));
        assertThat(Plans.answer(List.of(other), "req", "onboard-abc", List.of("topic2"))).isEmpty();

        Plans.Plan plan = Plans.answer(List.of(other, JSON.readTree(PLANNED)), "req", "onboard-abc", List.of("topic2")).orElseThrow();

        assertThat(plan.supported()).isTrue();
        assertThat(plan.refused()).isTrue();
        assertThat(Render.plan(plan)).contains("ADOPT   kafkaApiKey tableflow-onboarding/dev/tableflow-topic-key: key exists")
                .contains("  topic2: UPDATE\n    UPDATE  kafkaTopic topic2: partitions 1 -> 4")
                .contains("clicks: REFUSE").contains("1 topic(s) would be refused");
    }

    @Test
    void aStackWithoutDryRunsIsToldApartFromARefusal() throws Exception {
        String rejected = """
                {"detail-type":"OnboardingRequestRejected","detail":{"requestId":"req","cause":"%s"}}""";
        Plans.Plan old = Plans.answer(List.of(JSON.readTree(rejected.formatted("invalid detail.dryRun: not a field of the request"))),
                "req", "onboard-abc", List.of("topic2")).orElseThrow();
        assertThat(old.supported()).isFalse();
        assertThat(Render.plan(old)).contains("predates dry runs").contains("  topic2");

        assertThatThrownBy(() -> Plans.answer(List.of(JSON.readTree(rejected.formatted("invalid topics[0].partitions: 0"))), "req", "x", List.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("refused the request: invalid topics[0].partitions");
    }

    @Test
    void eachTopicEndsWithItsTableAndQueryOrWhereItFailed() throws Exception {
        List<JsonNode> events = List.of(
                JSON.readTree("{\"detail-type\":\"TopicOnboardingFailed\",\"detail\":{\"topic\":\"topic2\",\"step\":\"EnsureTopic\",\"resource\":\"topic topic2\",\"cause\":\"early\"}}"),
                JSON.readTree("{\"detail-type\":\"TopicOnboarded\",\"detail\":{\"topic\":\"topic2\",\"table\":{\"database\":\"lkc-1\",\"table\":\"topic2\"}}}"),
                JSON.readTree("{\"detail-type\":\"TopicOnboarded\",\"detail\":{\"topic\":\"unrelated\",\"table\":{\"database\":\"lkc-1\",\"table\":\"unrelated\"}}}"),
                JSON.readTree("{\"detail-type\":\"TopicOnboardingFailed\",\"detail\":{\"topic\":\"orders\",\"step\":\"EnsureSchema\",\"resource\":\"subject orders-value\",\"cause\":\"incompatible\"}}"));

        List<Results.Topic> results = Results.of(List.of("topic2", "orders", "clicks"), events);

        assertThat(results).extracting(Results.Topic::state).containsExactly("onboarded", "failed", "waiting");
        assertThat(Results.allEnded(results)).isFalse();
        assertThat(Results.progress(results, "RUNNING")).isEqualTo("[RUNNING] topic2: onboarded orders: failed clicks: waiting");
        String table = Results.table(results.subList(0, 2));
        assertThat(table).contains("topic2  onboarded  lkc-1.topic2").contains("athena: SELECT * FROM \"lkc-1\".\"topic2\" LIMIT 10")
                .contains("orders  failed     EnsureSchema: subject orders-value: incompatible");
        assertThat(Results.json(results).get(0).path("query").asText()).isEqualTo("SELECT * FROM \"lkc-1\".\"topic2\" LIMIT 10");
    }

    @Test
    void statusShowsEachProblemWithItsFix() throws Exception {
        JsonNode report = JSON.readTree("""
                {"environment":"dev","healthy":false,"checks":[{"name":"provider integration","ok":true,"detail":"cspi-1"},
                 {"name":"trust statement","ok":false,"detail":"missing","troubleshooting":"Cross-Account Access","fix":"run the bootstrap"}],
                 "topics":[{"name":"topic2","phase":"RUNNING","glueSync":"SYNCED"}]}""");

        assertThat(Render.status(report)).contains("Environment dev: PROBLEMS").contains("  ok       provider integration: cspi-1")
                .contains("  PROBLEM  trust statement: missing\n           Cross-Account Access: run the bootstrap")
                .contains("topic topic2: RUNNING, Glue SYNCED");
    }
}
