package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Cluster discovery: the Kafka cluster ({@code cmk/v2}, cmk-v2.yaml) and the environment's Schema Registry
 * ({@code srcm/v3}, srcm-v3.yaml), for their REST endpoints and the Schema Registry cluster id its keys need.
 */
@RegisterRestClient(configKey = "confluent")
@RegisterProvider(ConfluentErrorMapper.class)
@RegisterClientHeaders(CloudApiKeyHeaders.class)
public interface ClusterClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cluster(String id, Spec spec) {}

    /** {@code http_endpoint} is deprecated in cmk/v2 in favour of {@code endpoints}, but still served for both APIs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Spec(String httpEndpoint) {}

    @GET
    @Path("/cmk/v2/clusters/{id}")
    Cluster kafkaCluster(@PathParam("id") String id, @QueryParam("environment") String environment);

    @GET
    @Path("/srcm/v3/clusters")
    Page<Cluster> schemaRegistries(@QueryParam("environment") String environment, @QueryParam("page_size") int pageSize,
            @QueryParam("page_token") String pageToken);
}
