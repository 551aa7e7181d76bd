package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tableflow.onboarding.config.TableflowConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Cluster discovery: the Kafka cluster ({@code cmk/v2}, cmk-v2.yaml) and the environment's Schema Registry
 * ({@code srcm/v3}, srcm-v3.yaml), for their REST endpoints and the Schema Registry cluster id its keys need.
 */
@ApplicationScoped
public class ClusterClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cluster(String id, Spec spec) {}

    /**
     * A cluster's endpoints. In cmk/v2 {@code spec.http_endpoint} is deprecated ("Please use the endpoints attribute
     * instead"): a Kafka cluster's REST endpoint is read from {@code endpoints}, a map keyed by access point id. srcm/v3
     * has no such map, and its {@code http_endpoint} is current.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Spec(String httpEndpoint, Map<String, AccessPoint> endpoints) {

        /**
         * The Kafka REST endpoint of the cluster's public access point. A cluster reachable only through private networking
         * has none: which private endpoint the functions can reach is the deployment's to say (KafkaRestEndpoint).
         */
        public Optional<String> publicHttpEndpoint() {
            return Optional.ofNullable(endpoints).orElse(Map.of()).values().stream()
                    .filter(point -> PUBLIC.equals(point.connectionType()) && point.httpEndpoint() != null && !point.httpEndpoint().isBlank())
                    .map(AccessPoint::httpEndpoint).findFirst();
        }
    }

    /** One entry of cmk/v2's {@code spec.endpoints}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AccessPoint(String httpEndpoint, String connectionType) {}

    static final String PUBLIC = "PUBLIC";

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
