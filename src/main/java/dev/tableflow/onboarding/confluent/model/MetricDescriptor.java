package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** metrics-v2.yaml {@code MetricDescriptor}: a metric the dataset offers, with its type and labels. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricDescriptor(String name, String type, String unit, List<String> resources, List<Label> labels) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Label(String key) {}

    /** Whether the metric can be grouped or filtered by {@code key} ({@code metric.<key>} in a query). */
    public boolean hasLabel(String key) {
        return labels != null && labels.stream().anyMatch(label -> key.equals(label.key()));
    }
}
