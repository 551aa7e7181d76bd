package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A reference to another Confluent resource. Only {@code id} (and {@code environment} for env-scoped
 * references) may be sent; the other fields are read-only in every contract and come back in responses.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ObjectRef(String id, String environment, String apiVersion, String kind, String related, String resourceName) {

    public static ObjectRef of(String id) {
        return new ObjectRef(id, null, null, null, null, null);
    }

    public static ObjectRef inEnvironment(String id, String environment) {
        return new ObjectRef(id, environment, null, null, null, null);
    }
}
