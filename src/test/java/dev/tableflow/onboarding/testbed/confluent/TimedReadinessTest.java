package dev.tableflow.onboarding.testbed.confluent;

import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.basic;
import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Readiness by the clock (opt-in): however often a client looks, nothing is ready before its moment, and then it is. */
class TimedReadinessTest extends TestServerTest {

    private static final Duration RUNNING = Duration.ofMillis(600);
    private static final Duration GLUE = Duration.ofMillis(400);

    @Test
    void aTimedTopicRunsWhenDueAndItsGlueTableAppearsLaterWithoutAnyPoll() throws Exception {
        String env = server.environmentId();
        String cluster = server.kafkaClusterId();
        String tf = basic(server.createTableflowApiKey());
        Map<String, Instant> registered = new ConcurrentHashMap<>();
        server.tableflowTopics().onGlueSync((database, table, location) -> registered.put(table, Instant.now()));
        String pim = json(http.cloud("POST", "/pim/v1/integrations", "{\"display_name\":\"glue\",\"config\":{\"kind\":"
                + "\"AwsIntegrationConfig\",\"customer_iam_role_arn\":\"arn:aws:iam::123456789012:role/tf\"},"
                + "\"environment\":{\"id\":\"" + env + "\"}}")).get("id").asText();
        server.catalogIntegrations().getsUntilConnected(0);
        http.send("POST", "/tableflow/v1/catalog-integrations", tf, "{\"spec\":{\"display_name\":\"glue\",\"config\":{\"kind\":"
                + "\"AwsGlue\",\"provider_integration_id\":\"" + pim + "\"},\"environment\":{\"id\":\"" + env
                + "\"},\"kafka_cluster\":{\"id\":\"" + cluster + "\"}}}");
        server.kafka().createTopic(cluster, "timed", 1);
        server.kafka().createTopic(cluster, "counted", 1);
        server.tableflowTopics().readyAfter(topic -> topic.equals("timed")
                ? Optional.of(new TimedReadiness.Delays(RUNNING, GLUE)) : Optional.empty());

        Instant enabled = Instant.now();
        http.send("POST", "/tableflow/v1/tableflow-topics", tf, ConfluentCloudTestServerTopicApisTest.topicBody("timed", pim, env, cluster));
        http.send("POST", "/tableflow/v1/tableflow-topics", tf, ConfluentCloudTestServerTopicApisTest.topicBody("counted", pim, env, cluster));
        String get = "/tableflow/v1/tableflow-topics/%s?environment=" + env + "&spec.kafka_cluster=" + cluster;
        for (int i = 0; i < 5; i++) {
            assertThat(json(http.send("GET", get.formatted("timed"), tf, null)).at("/status/phase").asText()).isEqualTo("PENDING");
        }
        http.send("GET", get.formatted("counted"), tf, null);
        assertThat(json(http.send("GET", get.formatted("counted"), tf, null)).at("/status/phase").asText())
                .as("a topic without delays still counts GETs: RUNNING at the second").isEqualTo("RUNNING");
        Instant runningAt = server.tableflowTopics().runningAt("timed").orElseThrow();
        assertThat(Duration.between(enabled, runningAt)).isBetween(RUNNING, RUNNING.plusMillis(200));

        Thread.sleep(Duration.between(Instant.now(), runningAt).plusMillis(20));
        var running = json(http.send("GET", get.formatted("timed"), tf, null));
        assertThat(running.at("/status/phase").asText()).isEqualTo("RUNNING");
        assertThat(running.at("/status/catalog_sync_statuses/0/sync_status").asText()).isEqualTo("SYNCED");
        assertThat(registered).as("the table is not in Glue before its moment").doesNotContainKey("timed");

        Thread.sleep(GLUE.plusMillis(300));
        assertThat(registered).as("registered when due, with no GET since").containsKey("timed");
        assertThat(Duration.between(runningAt, registered.get("timed"))).isBetween(GLUE, GLUE.plusMillis(200));
        assertThat(Duration.between(registered.get("timed"), server.tableflowTopics().glueTableAt("timed").orElseThrow()).abs())
                .isLessThan(Duration.ofMillis(50));
    }

    @Test
    void aKeyIsRefusedForItsTimeAfterCreationThenWorks() throws Exception {
        server.apiKeys().refusedFor(Duration.ofSeconds(2));
        Instant created = Instant.now();
        var key = server.apiKeys().created(server.serviceAccountId(), server.kafkaClusterId(), "new", "");
        String list = "/kafka/v3/clusters/" + server.kafkaClusterId() + "/topics";
        for (int i = 0; i < 3; i++) {
            assertThat(http.send("GET", list, basic(key), null).statusCode()).isEqualTo(401);
        }
        Thread.sleep(Duration.between(Instant.now(), created.plusMillis(2050)));
        assertThat(http.send("GET", list, basic(key), null).statusCode()).isEqualTo(200);
    }
}
