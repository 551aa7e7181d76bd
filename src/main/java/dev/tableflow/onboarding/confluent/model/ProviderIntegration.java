package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code pim/v1} Integration. AWS is only served by v1; v2 covers Azure and GCP. v1 has no update. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProviderIntegration(String id, String displayName, String provider, AwsConfig config, ObjectRef environment) {

    /** {@code iamRoleArn} and {@code externalId} are Confluent's, read-only: they go into the customer role's trust policy. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AwsConfig(String kind, String customerIamRoleArn, String iamRoleArn, String externalId) {

        public static AwsConfig forCustomerRole(String customerRoleArn) {
            return new AwsConfig("AwsIntegrationConfig", customerRoleArn, null, null);
        }
    }

    public static ProviderIntegration newAws(String displayName, String environmentId, String customerRoleArn) {
        return new ProviderIntegration(null, displayName, "AWS", AwsConfig.forCustomerRole(customerRoleArn), ObjectRef.of(environmentId));
    }
}
