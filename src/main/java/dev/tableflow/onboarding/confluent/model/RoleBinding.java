package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Optional;

/** {@code iam/v2} RoleBinding: {@code principal} is {@code User:<sa-id>} for service accounts too. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RoleBinding(String id, Metadata metadata, String principal, String roleName, String crnPattern) {

    /** A binding to create: Confluent gives it its id and metadata. */
    public RoleBinding(String principal, String roleName, String crnPattern) {
        this(null, null, principal, roleName, crnPattern);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Metadata(String createdAt) {}

    public Optional<Instant> createdAt() {
        return metadata == null || metadata.createdAt() == null ? Optional.empty() : Optional.of(Instant.parse(metadata.createdAt()));
    }
}
