package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * metrics-v2.yaml {@code QueryRequest}: one metric (the API takes one aggregation per request) over one interval, per
 * minute, grouped by topic, for one Kafka cluster's named topics. {@code agg} is left out: the spec's changelog asks
 * clients to omit it so that each metric's own aggregation applies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsQuery(List<Map<String, String>> aggregations, @JsonProperty("group_by") List<String> groupBy, String granularity,
                           Map<String, Object> filter, List<String> intervals, Integer limit, String format) {

    public static final String TOPIC_LABEL = "metric.topic";
    /** The finest granularity; the spec allows it for intervals of up to 6 hours. */
    public static final String PER_MINUTE = "PT1M";
    /** The spec's maximum number of groups per page. */
    public static final int MAX_GROUPS = 1000;

    public static MetricsQuery perTopic(String metric, String kafkaCluster, List<String> topics, Instant start, Instant end) {
        Map<String, Object> cluster = Map.of("field", "resource.kafka.id", "op", "EQ", "value", kafkaCluster);
        List<Map<String, Object>> byTopic = topics.stream()
                .<Map<String, Object>>map(topic -> Map.of("field", TOPIC_LABEL, "op", "EQ", "value", topic)).toList();
        Map<String, Object> filter = Map.of("op", "AND", "filters", List.of(cluster, Map.of("op", "OR", "filters", byTopic)));
        return new MetricsQuery(List.of(Map.of("metric", metric)), List.of(TOPIC_LABEL), PER_MINUTE, filter,
                List.of(start + "/" + end), MAX_GROUPS, "FLAT");
    }
}
