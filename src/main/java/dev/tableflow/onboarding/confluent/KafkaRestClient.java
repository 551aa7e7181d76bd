package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.util.List;

/**
 * Kafka REST v3 as Confluent Cloud serves it on the cluster's REST endpoint (kafka-rest-v3-ccloud-sdk.yaml),
 * authenticated with a Kafka API key of that cluster. Errors are {@code {"error_code", "message"}}; creating a
 * topic that exists answers 400 with error_code 40002.
 */
@Path("/kafka/v3/clusters/{cluster_id}/topics")
public interface KafkaRestClient {

    int TOPIC_EXISTS = 40002;

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Topic(String topicName, Integer partitionsCount) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Config(String name, String value, Boolean isDefault) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateTopic(String topicName, int partitionsCount, List<Config> configs) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PartitionsCount(int partitionsCount) {}

    record AlterConfigs(List<Config> data) {}

    @GET
    Page<Topic> list(@HeaderParam("Authorization") String authorization, @PathParam("cluster_id") String clusterId);

    @GET
    @Path("/{topic}")
    Topic get(@HeaderParam("Authorization") String authorization, @PathParam("cluster_id") String clusterId, @PathParam("topic") String topic);

    @POST
    Topic create(@HeaderParam("Authorization") String authorization, @PathParam("cluster_id") String clusterId, CreateTopic topic);

    /** Partitions can only grow. */
    @PATCH
    @Path("/{topic}")
    Topic grow(@HeaderParam("Authorization") String authorization, @PathParam("cluster_id") String clusterId, @PathParam("topic") String topic,
            PartitionsCount partitions);

    /** 204 No Content. The topic's records are gone for good. */
    @DELETE
    @Path("/{topic}")
    void delete(@HeaderParam("Authorization") String authorization, @PathParam("cluster_id") String clusterId, @PathParam("topic") String topic);

    @GET
    @Path("/{topic}/configs")
    Page<Config> configs(@HeaderParam("Authorization") String authorization, @PathParam("cluster_id") String clusterId, @PathParam("topic") String topic);

    /** 204 No Content. */
    @POST
    @Path("/{topic}/configs:alter")
    void alterConfigs(@HeaderParam("Authorization") String authorization, @PathParam("cluster_id") String clusterId, @PathParam("topic") String topic,
            AlterConfigs configs);
}
