package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tableflow.onboarding.config.TableflowConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * Cluster discovery: the Kafka cluster ({@code cmk/v2}, cmk-v2.yaml) and the environment's Schema Registry
 * ({@code srcm/v3}, srcm-v3.yaml), for their REST endpoints and the Schema Registry cluster id its keys need.
 */
@ApplicationScoped
public class ClusterClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cluster(String id, Spec spec) {}

    /** {@code http_endpoint} is deprecated in cmk/v2 in favour of {@code endpoints}, but still served for both APIs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Spec(String httpEndpoint) {}

    private final ConfluentHttp http;
    private final CloudApiKey cloudApiKey;
    private final URI base;

    public ClusterClient(ConfluentHttp http, CloudApiKey cloudApiKey, TableflowConfig config) {
        this.http = http;
        this.cloudApiKey = cloudApiKey;
        this.base = URI.create(config.confluentUrl());
    }

    public Cluster kafkaCluster(String id, String environment) {
        return http.get(base, "/cmk/v2/clusters/{}", id).authorization(cloudApiKey)
                .query("environment", environment).read(Cluster.class);
    }

    public Page<Cluster> schemaRegistries(String environment, int pageSize, String pageToken) {
        return http.get(base, "/srcm/v3/clusters").authorization(cloudApiKey)
                .query("environment", environment).query("page_size", pageSize).query("page_token", pageToken)
                .page(Cluster.class);
    }
}
