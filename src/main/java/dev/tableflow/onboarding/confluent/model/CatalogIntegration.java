package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code tableflow/v1} CatalogIntegration with an AWS Glue config. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogIntegration(String id, Spec spec, Status status) {

    public static final String CONNECTED = "CONNECTED";
    public static final String FAILED = "FAILED";

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Spec(String displayName, Config config, ObjectRef environment, ObjectRef kafkaCluster) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String kind, String providerIntegrationId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(String phase, String errorMessage) {}

    public static CatalogIntegration newAwsGlue(String displayName, String environmentId, String kafkaClusterId, String providerIntegrationId) {
        return new CatalogIntegration(null,
                new Spec(displayName, new Config("AwsGlue", providerIntegrationId), ObjectRef.of(environmentId),
                        ObjectRef.inEnvironment(kafkaClusterId, environmentId)),
                null);
    }

    public String displayName() {
        return spec == null ? null : spec.displayName();
    }

    public String providerIntegrationId() {
        return spec == null || spec.config() == null ? null : spec.config().providerIntegrationId();
    }

    public String phase() {
        return status == null ? null : status.phase();
    }
}
