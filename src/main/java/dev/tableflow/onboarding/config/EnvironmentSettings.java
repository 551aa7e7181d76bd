package dev.tableflow.onboarding.config;

import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The deployment configuration, checked and named the way every step uses it. The first step of each workflow
 * calls {@link #validate} so that a bad parameter stops the run before anything is created.
 */
@ApplicationScoped
public class EnvironmentSettings {

    private final TableflowConfig config;

    public EnvironmentSettings(TableflowConfig config) {
        this.config = config;
    }

    /** Field names are the environment variables an operator can fix (set from the stack parameters). */
    public void validate(StepContext context) {
        Rules.require(context, "TABLEFLOW_ENVIRONMENT_NAME", config.environmentName(), Rules.ENVIRONMENT_NAME,
                "a lower-case name of up to 20 letters, digits and dashes");
        Rules.require(context, "TABLEFLOW_CONFLUENT_ENVIRONMENT_ID", config.confluentEnvironmentId(), Rules.CONFLUENT_ENVIRONMENT_ID, "an id like env-abc123");
        Rules.require(context, "TABLEFLOW_KAFKA_CLUSTER_ID", config.kafkaClusterId(), Rules.KAFKA_CLUSTER_ID, "an id like lkc-abc123");
        Rules.require(context, "TABLEFLOW_SERVICE_ACCOUNT_ID", config.serviceAccountId(), Rules.SERVICE_ACCOUNT_ID, "an id like sa-abc123");
        Rules.require(context, "TABLEFLOW_CUSTOMER_ROLE_ARN", config.customerRoleArn(), Rules.IAM_ROLE_ARN,
                "an IAM role ARN like arn:aws:iam::123456789012:role/tableflow");
        Rules.require(context, "TABLEFLOW_BUCKET_NAME", config.bucketName(), Rules.S3_BUCKET, "an S3 bucket name");
        config.kafkaRestEndpoint().ifPresent(url -> Rules.require(context, "TABLEFLOW_KAFKA_REST_ENDPOINT", url, Rules.ENDPOINT_URL, "a URL"));
        config.schemaRegistryEndpoint().ifPresent(url -> Rules.require(context, "TABLEFLOW_SCHEMA_REGISTRY_ENDPOINT", url, Rules.ENDPOINT_URL, "a URL"));
    }

    public TableflowConfig config() {
        return config;
    }

    public String providerIntegrationName() {
        return config.environmentName() + "-provider-glue";
    }

    public String catalogIntegrationName() {
        return config.environmentName() + "-confluent-glue";
    }

    public String tableflowApiKeyName() {
        return config.environmentName() + "-tableflow-api-key";
    }

    public String kafkaApiKeyName() {
        return config.environmentName() + "-tableflow-topic-key";
    }

    public String schemaRegistryApiKeyName() {
        return config.environmentName() + "-schema-registry-key";
    }

    /** Secrets this application owns live under one prefix so each function's IAM policy can be scoped to it. */
    public String tableflowApiKeySecret() {
        return config.secretPrefix() + "tableflow-api-key";
    }

    public String kafkaApiKeySecret() {
        return config.secretPrefix() + "tableflow-topic-key";
    }

    /** The operator's own key when the deployment names one, else the key this application manages. */
    public String schemaRegistryApiKeySecret() {
        return config.schemaRegistryApiKeySecret().orElse(config.secretPrefix() + "schema-registry-key");
    }
}
