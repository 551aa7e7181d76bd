package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code tableflow/v1} CatalogIntegration with an AWS Glue config. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogIntegration(String id, Spec spec, Status status) {

    public static final String PENDING = "PENDING";
    public static final String CONNECTED = "CONNECTED";
    public static final String FAILED = "FAILED";
    /** What the bootstrap and the status report say of an integration waiting, as it should, for the cluster's first topic. */
    public static final String CONNECTS_WITH_FIRST_TOPIC = "PENDING until the first TableFlow topic: Confluent syncs a catalog only "
            + "once a topic of its cluster is materialized; the first topic's onboarding checks the connection (its AWS Glue sync)";

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Spec(String displayName, Config config, ObjectRef environment, ObjectRef kafkaCluster) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String kind, String providerIntegrationId, String customDatabase) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(String phase, String errorMessage) {}

    /** {@code customDatabase} null for Confluent's default database, the Kafka cluster id. */
    public static CatalogIntegration newAwsGlue(String displayName, String environmentId, String kafkaClusterId, String providerIntegrationId,
            String customDatabase) {
        return new CatalogIntegration(null,
                new Spec(displayName, new Config("AwsGlue", providerIntegrationId, customDatabase), ObjectRef.of(environmentId),
                        ObjectRef.inEnvironment(kafkaClusterId, environmentId)),
                null);
    }

    public String displayName() {
        return spec == null ? null : spec.displayName();
    }

    public String customDatabase() {
        return spec == null || spec.config() == null ? null : spec.config().customDatabase();
    }

    public String providerIntegrationId() {
        return spec == null || spec.config() == null ? null : spec.config().providerIntegrationId();
    }

    /**
     * Confluent: "Catalog sync remains in the pending state until at least one topic is enabled with Tableflow". PENDING
     * on a cluster with no TableFlow topic is therefore expected, not a fault.
     */
    public boolean pendingUntilFirstTopic(boolean clusterHasTableflowTopics) {
        return PENDING.equals(phase()) && !clusterHasTableflowTopics;
    }

    public String phase() {
        return status == null ? null : status.phase();
    }
}
