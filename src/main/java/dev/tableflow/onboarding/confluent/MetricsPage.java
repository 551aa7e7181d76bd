package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/**
 * One page of a Metrics API answer (metrics-v2.yaml {@code ListMetricDescriptorsResponse}, and the query responses):
 * the next page is a bare token in {@code meta.pagination.next_page_token}, not a URL as in the management APIs.
 * The spec warns that tokens expire after a short while (400), so a listing is always read to its end in one go.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricsPage<T>(List<T> data, Meta meta) implements Paged<T> {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Meta(Pagination pagination) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pagination(@JsonProperty("next_page_token") String nextPageToken) {}

    @Override
    public List<T> items() {
        return data == null ? List.of() : data;
    }

    @Override
    public Optional<String> nextPageToken() {
        return Optional.ofNullable(meta).map(Meta::pagination).map(Pagination::nextPageToken).filter(token -> !token.isBlank());
    }
}
