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

    /** Whether TableFlow has paused the topic ({@code spec.suspended}); only a resume sets it back. */
    public boolean isSuspended() {
        return spec != null && Boolean.TRUE.equals(spec.suspended());
    }

    /** APPEND or UPSERT (or UPSERT_HISTORY), fixed by the Kafka topic's cleanup.policy while TableFlow is enabled. */
    public String writeMode() {
        return status == null ? null : status.writeMode();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** {@code suspended}: true while TableFlow has paused the topic; a client may only set it back to false (resume). */
    public record Spec(String displayName, Config config, Storage storage, List<String> tableFormats, ObjectRef environment, ObjectRef kafkaCluster,
            Boolean suspended) {}

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
    public record Status(String phase, String errorMessage, List<CatalogSync> catalogSyncStatuses, List<FailingFormat> failingTableFormats,
            String writeMode) {

        public static final Status NONE = new Status(null, null, null, null, null);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CatalogSync(String catalogIntegrationId, String catalogType, String syncStatus, String errorMessage) {

        /** What a topic's catalog sync status means for its onboarding. */
        public enum Meaning { SYNCED, WAIT, FAILED, DISCONNECTED }

        /**
         * SYNCED is done and FAILED ends the topic with Confluent's message; DISCONNECTED depends on its catalog
         * integration (a fresh one connects with its first topic). PENDING ("sync is pending"), no status yet, and any
         * status Confluent adds to its extensible enum are waited for, bounded by the state machine's retries.
         */
        public static Meaning meaning(String syncStatus) {
            return switch (syncStatus == null ? "" : syncStatus) {
                case TableflowTopic.SYNCED -> Meaning.SYNCED;
                case TableflowTopic.FAILED -> Meaning.FAILED;
                case TableflowTopic.DISCONNECTED -> Meaning.DISCONNECTED;
                default -> Meaning.WAIT;
            };
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FailingFormat(String format, String errorMessage) {}

    /** The body of a PATCH: only the fields that may change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Update(Config config, List<String> tableFormats, ObjectRef environment, ObjectRef kafkaCluster) {}

    public record UpdateRequest(Update spec) {}

    /** The body of a resume: the API accepts {@code suspended} only as false ("pausing on demand is not supported"). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Resume(boolean suspended, ObjectRef environment, ObjectRef kafkaCluster) {}

    public record ResumeRequest(Resume spec) {}
}
