package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code iam/v2} ServiceAccount; its CRN is the only place the API tells us the organization id. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServiceAccount(String id, String displayName, Metadata metadata) {

    private static final Pattern ORGANIZATION = Pattern.compile("organization=([^/]+)");

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Metadata(String self, String resourceName) {}

    /** From {@code crn://confluent.cloud/organization=<uuid>/service-account=sa-…}. */
    public Optional<String> organizationId() {
        if (metadata == null || metadata.resourceName() == null) {
            return Optional.empty();
        }
        Matcher m = ORGANIZATION.matcher(metadata.resourceName());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
