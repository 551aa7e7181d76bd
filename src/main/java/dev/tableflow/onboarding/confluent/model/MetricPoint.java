package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * metrics-v2.yaml {@code Point} of a FLAT answer grouped by {@code metric.topic}: one time bucket of one topic. The
 * timestamp is the bucket's start (ISO-8601), aligned to UTC boundaries.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricPoint(String timestamp, double value, @JsonProperty(MetricsQuery.TOPIC_LABEL) String topic) {}
