package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.SortedMap;

/**
 * One topic to onboard, validated and with every default applied. This is what travels through the onboarding
 * workflow: a shipped schema travels by name only, an inline one as the document.
 *
 * @param partitions  null when not asked for: 1 for a new topic, and an existing topic keeps its count
 * @param errorLogTopic     the dead-letter topic of errorHandling LOG ({@code error_log} unless named); null otherwise
 * @param retentionMs       TableFlow snapshot retention; null keeps Confluent's default
 * @param dataRetentionMs   TableFlow row expiry (data TTL); null keeps Confluent's default
 * @param metadataColumnNamingScheme DEFAULT or PORTABLE names of TableFlow's metadata columns; null keeps Confluent's default
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopicRequest(String name, Integer partitions, SortedMap<String, String> configs, Schema schema, List<String> tableFormats,
        String errorHandling, String errorLogTopic, Long retentionMs, Long dataRetentionMs, String metadataColumnNamingScheme) {

    /** Exactly one of {@code name} (a file shipped with the application) and {@code inline}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schema(String name, JsonNode inline) {}

    public int partitionsForNewTopic() {
        return partitions == null ? 1 : partitions;
    }

    public String subject() {
        return name + "-value";
    }
}
