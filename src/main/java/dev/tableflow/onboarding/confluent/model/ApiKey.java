package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Optional;

/** {@code iam/v2} ApiKey. The secret is present only in the create response. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKey(String id, Spec spec, Metadata metadata) {

    /** The part of {@code ObjectMeta} we read: when the key was created (RFC 3339). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Metadata(String createdAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Spec(String displayName, String description, String secret, ObjectRef owner, ObjectRef resource) {

        /** Records print every component; this one must never print the secret into a log line or an error. */
        @Override
        public String toString() {
            return "Spec[displayName=" + displayName + ", owner=" + (owner == null ? null : owner.id())
                    + ", resource=" + (resource == null ? null : resource.id()) + ", secret=" + (secret == null ? "absent" : "****") + "]";
        }
    }

    public static ApiKey request(String displayName, String description, String ownerId, ObjectRef resource) {
        return new ApiKey(null, new Spec(displayName, description, null, ObjectRef.of(ownerId), resource), null);
    }

    /** When Confluent created the key; empty when it did not say. */
    public Optional<Instant> createdAt() {
        return metadata == null || metadata.createdAt() == null ? Optional.empty() : Optional.of(Instant.parse(metadata.createdAt()));
    }

    public String description() {
        return spec == null ? null : spec.description();
    }

    public String displayName() {
        return spec == null ? null : spec.displayName();
    }

    public String resourceId() {
        return spec == null || spec.resource() == null ? null : spec.resource().id();
    }
}
