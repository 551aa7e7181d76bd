package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** {@code tableflow/v1} TableflowTopic, addressed by its display name (the Kafka topic's name). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableflowTopic(Spec spec, Status status) {

    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";
    public static final String SYNCED = "SYNCED";
    /** The sync status of a catalog whose integration is not connected. */
    public static final String DISCONNECTED = "DISCONNECTED";
    public static final String AWS_GLUE = "AWS_GLUE";

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Spec(String displayName, Config config, Storage storage, List<String> tableFormats, ObjectRef environment, ObjectRef kafkaCluster) {}

    /** retention_ms and data_retention_ms are int64s carried as strings in the contract. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String retentionMs, String dataRetentionMs, ErrorHandling errorHandling, String metadataColumnNamingScheme) {}

    /** {@code target} is the dead-letter topic of mode LOG only (ErrorHandlingLog), {@code error_log} when not given. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorHandling(String mode, String target) {

        public static final String LOG = "LOG";
        public static final String DEFAULT_TARGET = "error_log";

        /** The topic bad records go to: none outside LOG mode. */
        public String deadLetterTopic() {
            return !LOG.equals(mode) ? null : target == null ? DEFAULT_TARGET : target;
        }
    }

    /** Storage is immutable once the topic exists. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Storage(String kind, String bucketName, String providerIntegrationId, String tablePath) {

        public static Storage byobAws(String bucketName, String providerIntegrationId) {
            return new Storage("ByobAws", bucketName, providerIntegrationId, null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(String phase, String errorMessage, List<CatalogSync> catalogSyncStatuses, List<FailingFormat> failingTableFormats) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CatalogSync(String catalogIntegrationId, String catalogType, String syncStatus, String errorMessage) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FailingFormat(String format, String errorMessage) {}

    /** The body of a PATCH: only the fields that may change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Update(Config config, List<String> tableFormats, ObjectRef environment, ObjectRef kafkaCluster) {}

    public record UpdateRequest(Update spec) {}
}
