package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One page of a Confluent Cloud list response. The next page is not a token field but a full URL in
 * {@code metadata.next}; its {@code page_token} query parameter is what the next request sends.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Page<T>(Metadata metadata, List<T> data) implements Paged<T> {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(String next) {}

    @Override
    public List<T> items() {
        return data == null ? List.of() : data;
    }

    @Override
    public Optional<String> nextPageToken() {
        if (metadata == null || metadata.next() == null || metadata.next().isBlank()) {
            return Optional.empty();
        }
        String query = URI.create(metadata.next()).getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("page_token=")) {
                return Optional.of(URLDecoder.decode(pair.substring("page_token=".length()), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
