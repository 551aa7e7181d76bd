package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.net.URI;
import java.util.List;

/**
 * Kafka REST v3 as Confluent Cloud serves it on the cluster's REST endpoint (kafka-rest-v3-ccloud-sdk.yaml),
 * authenticated with a Kafka API key of that cluster. Errors are {@code {"error_code", "message"}}; creating a
 * topic that exists answers 400 with error_code 40002. Built by {@link EndpointClients}.
 */
public class KafkaRestClient {

    public static final int TOPIC_EXISTS = 40002;

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Topic(String topicName, Integer partitionsCount) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String name, String value, Boolean isDefault) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateTopic(String topicName, int partitionsCount, List<Config> configs) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PartitionsCount(int partitionsCount) {}

    /** @param validateOnly true: the broker only checks the change (and answers as it would), null: the change is made */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AlterConfigs(List<Config> data, Boolean validateOnly) {}

    private static final String TOPICS = "/kafka/v3/clusters/{}/topics";
    private static final String TOPIC = TOPICS + "/{}";

    private final ConfluentHttp http;
    private final URI base;

    KafkaRestClient(ConfluentHttp http, URI base) {
        this.http = http;
        this.base = base;
    }

    public Page<Topic> list(String authorization, String clusterId) {
        return http.get(base, TOPICS, clusterId).authorization(authorization).page(Topic.class);
    }

    public Topic get(String authorization, String clusterId, String topic) {
        return http.get(base, TOPIC, clusterId, topic).authorization(authorization).read(Topic.class);
    }

    public Topic create(String authorization, String clusterId, CreateTopic topic) {
        return http.post(base, TOPICS, clusterId).authorization(authorization).body(topic).read(Topic.class);
    }

    /** Partitions can only grow. */
    public Topic grow(String authorization, String clusterId, String topic, PartitionsCount partitions) {
        return http.patch(base, TOPIC, clusterId, topic).authorization(authorization).body(partitions).read(Topic.class);
    }

    /** 204 No Content. The topic's records are gone for good. */
    public void delete(String authorization, String clusterId, String topic) {
        http.delete(base, TOPIC, clusterId, topic).authorization(authorization).send();
    }

    public Page<Config> configs(String authorization, String clusterId, String topic) {
        return http.get(base, TOPIC + "/configs", clusterId, topic).authorization(authorization).page(Config.class);
    }

    /** 204 No Content. */
    public void alterConfigs(String authorization, String clusterId, String topic, AlterConfigs configs) {
        http.post(base, TOPIC + "/configs:alter", clusterId, topic).authorization(authorization).body(configs).send();
    }
}
