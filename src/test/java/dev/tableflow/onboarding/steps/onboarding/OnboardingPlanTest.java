package dev.tableflow.onboarding.steps.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The TopicOnboardingPlanned detail built from a dry run's step outputs, as the onboarding ASL hands them over. */
class OnboardingPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode plan(String topics) throws Exception {
        return JSON.readTree(("""
                {"execution":"onboard-1",
                 "kafkaApiKey":{"keyId":null,"secretName":"s/kafka","outcome":null,"plan":{"action":"CREATE","reason":"no key"}},
                 "schemaRegistryApiKey":{"keyId":"SR1","secretName":"s/sr","outcome":null,"plan":{"action":"ADOPT","reason":"exists"}},
                 "topics":%s}""").formatted(topics));
    }

    @Test
    void eachResourceCarriesItsStepsDecisionAndTheTopicTheMostSignificantOne() throws Exception {
        JsonNode detail = OnboardingPlan.detail("dev", plan("""
                [{"topic":"orders","error":null,
                  "kafkaTopic":{"topicName":"orders","partitions":4,"outcome":null,"plan":{"action":"UPDATE","reason":"partitions 1 -> 4"}},
                  "schema":{"subject":"orders-value","schemaId":7,"outcome":null,"plan":{"action":"ADOPT","reason":"registered"}},
                  "tableflowTopic":{"topicName":"orders","phase":"RUNNING","outcome":null,"plan":{"action":"ADOPT","reason":"enabled"}}}]"""));

        assertThat(detail.path("environment").asText()).isEqualTo("dev");
        assertThat(detail.path("execution").asText()).isEqualTo("onboard-1");
        assertThat(detail.path("apiKeys").findValuesAsText("action")).containsExactly("CREATE", "ADOPT");
        assertThat(detail.path("apiKeys").findValuesAsText("name")).containsExactly("s/kafka", "s/sr");
        JsonNode orders = detail.path("topics").get(0);
        assertThat(orders.path("action").asText()).isEqualTo("UPDATE");
        assertThat(orders.path("resources").findValuesAsText("name")).containsExactly("orders", "orders-value", "orders");
        assertThat(orders.path("resources").get(0).path("reason").asText()).isEqualTo("partitions 1 -> 4");
        assertThat(orders.has("refusal")).isFalse();
    }

    @Test
    void aRefusalEndsTheTopicsResourcesAtTheStepThatRefused() throws Exception {
        JsonNode plan = plan("""
                [{"topic":"orders","schema":null,"tableflowTopic":null,
                  "kafkaTopic":{"topicName":"orders","partitions":1,"outcome":null,"plan":{"action":"CREATE","reason":"1 partition(s)"}}}]""");
        // As Step Functions catches a function's error: its JSON document as Cause.
        String cause = JSON.writeValueAsString(Map.of("errorMessage", "EnsureSchema: subject orders-value: the schema is incompatible",
                "errorType", "dev.tableflow.onboarding.errors.TerminalException"));
        ((ObjectNode) plan.path("topics").get(0)).putObject("error").put("Error", "dev.tableflow.onboarding.errors.TerminalException").put("Cause", cause);
        JsonNode detail = OnboardingPlan.detail("dev", plan);

        JsonNode orders = detail.path("topics").get(0);
        assertThat(orders.path("action").asText()).isEqualTo("REFUSE");
        assertThat(orders.path("resources").findValuesAsText("resource")).containsExactly("kafkaTopic", "schema");
        assertThat(orders.path("resources").findValuesAsText("action")).containsExactly("CREATE", "REFUSE");
        assertThat(orders.path("resources").get(1).path("reason").asText()).isEqualTo("the schema is incompatible");
        assertThat(orders.path("refusal").path("step").asText()).isEqualTo("EnsureSchema");
        assertThat(orders.path("refusal").path("resource").asText()).isEqualTo("subject orders-value");
    }

    @Test
    void anErrorThatIsNoRefusalIsAPlanThatFailed() throws Exception {
        JsonNode detail = OnboardingPlan.detail("dev", plan("""
                [{"topic":"orders","kafkaTopic":null,"schema":null,"tableflowTopic":null,
                  "error":{"Error":"Lambda.Unknown","Cause":"Task timed out after 60.00 seconds"}}]"""));

        JsonNode orders = detail.path("topics").get(0);
        assertThat(orders.path("action").asText()).isEqualTo("FAILED");
        assertThat(orders.path("resources")).isEmpty();
        assertThat(orders.path("refusal").path("cause").asText()).isEqualTo("Task timed out after 60.00 seconds");
    }

    @Test
    void aTopicWithAResourceNotLookedUpIsUnknownUnlessSomethingIsCreated() throws Exception {
        JsonNode detail = OnboardingPlan.detail("dev", plan("""
                [{"topic":"a","error":null,"kafkaTopic":{"topicName":"a","plan":{"action":"UNKNOWN","reason":"no key"}},
                  "schema":{"subject":"a-value","plan":{"action":"UNKNOWN","reason":"no key"}},
                  "tableflowTopic":{"topicName":"a","plan":{"action":"ADOPT","reason":"enabled"}}},
                 {"topic":"b","error":null,"kafkaTopic":{"topicName":"b","plan":{"action":"UNKNOWN","reason":"no key"}},
                  "schema":{"subject":"b-value","plan":{"action":"UNKNOWN","reason":"no key"}},
                  "tableflowTopic":{"topicName":"b","plan":{"action":"CREATE","reason":"new"}}}]"""));

        assertThat(detail.path("topics").findValuesAsText("action")).contains("UNKNOWN", "CREATE");
        assertThat(detail.path("topics").get(0).path("action").asText()).isEqualTo("UNKNOWN");
        assertThat(detail.path("topics").get(1).path("action").asText()).isEqualTo("CREATE");
    }
}
