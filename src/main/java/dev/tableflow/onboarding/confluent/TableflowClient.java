package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * TableFlow API {@code tableflow/v1} (contract: tableflow-v1.yaml). Its security scheme is a resource API key:
 * the TableFlow key this application creates, passed per call, not the Cloud API key.
 */
@Path("/tableflow/v1")
@RegisterRestClient(configKey = "confluent")
@RegisterProvider(ConfluentErrorMapper.class)
public interface TableflowClient {

    /** The cheapest authenticated call: it proves a TableFlow key works. */
    @GET
    @Path("/regions")
    Page<JsonNode> regions(@HeaderParam("Authorization") String authorization, @QueryParam("page_size") int pageSize);

    @GET
    @Path("/catalog-integrations")
    Page<CatalogIntegration> catalogIntegrations(@HeaderParam("Authorization") String authorization,
            @QueryParam("environment") String environment, @QueryParam("spec.kafka_cluster") String kafkaCluster,
            @QueryParam("page_size") int pageSize, @QueryParam("page_token") String pageToken);

    @GET
    @Path("/catalog-integrations/{id}")
    CatalogIntegration catalogIntegration(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @QueryParam("environment") String environment, @QueryParam("spec.kafka_cluster") String kafkaCluster);

    /** 202 Accepted, phase PENDING. */
    @POST
    @Path("/catalog-integrations")
    CatalogIntegration createCatalogIntegration(@HeaderParam("Authorization") String authorization, CatalogIntegration integration);

    /** 204 No Content; 404 when it is already gone. */
    @DELETE
    @Path("/catalog-integrations/{id}")
    void deleteCatalogIntegration(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @QueryParam("environment") String environment, @QueryParam("spec.kafka_cluster") String kafkaCluster);

    @GET
    @Path("/tableflow-topics/{display_name}")
    TableflowTopic tableflowTopic(@HeaderParam("Authorization") String authorization, @PathParam("display_name") String topic,
            @QueryParam("environment") String environment, @QueryParam("spec.kafka_cluster") String kafkaCluster);

    @GET
    @Path("/tableflow-topics")
    Page<TableflowTopic> tableflowTopics(@HeaderParam("Authorization") String authorization, @QueryParam("environment") String environment,
            @QueryParam("spec.kafka_cluster") String kafkaCluster, @QueryParam("page_size") int pageSize, @QueryParam("page_token") String pageToken);

    /** 202 Accepted, phase PENDING. */
    @POST
    @Path("/tableflow-topics")
    TableflowTopic createTableflowTopic(@HeaderParam("Authorization") String authorization, TableflowTopic topic);

    @PATCH
    @Path("/tableflow-topics/{display_name}")
    TableflowTopic updateTableflowTopic(@HeaderParam("Authorization") String authorization, @PathParam("display_name") String topic,
            TableflowTopic.UpdateRequest update);

    /** 204 No Content: TableFlow stops materializing the topic; the Kafka topic and the table's data stay. */
    @DELETE
    @Path("/tableflow-topics/{display_name}")
    void deleteTableflowTopic(@HeaderParam("Authorization") String authorization, @PathParam("display_name") String topic,
            @QueryParam("environment") String environment, @QueryParam("spec.kafka_cluster") String kafkaCluster);
}
