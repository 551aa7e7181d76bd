package dev.tableflow.onboarding.config;

import dev.tableflow.onboarding.aws.TrustPolicy;
import dev.tableflow.onboarding.errors.InvalidInputException;
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
        config.regionQualifier().ifPresent(qualifier -> Rules.require(context, "TABLEFLOW_REGION_QUALIFIER", qualifier, Rules.REGION_QUALIFIER,
                "a qualifier of up to 12 lower-case letters and digits, starting with a letter (e.g. euw1)"));
        Rules.require(context, "TABLEFLOW_CONFLUENT_ENVIRONMENT_ID", config.confluentEnvironmentId(), Rules.CONFLUENT_ENVIRONMENT_ID, "an id like env-abc123");
        Rules.require(context, "TABLEFLOW_KAFKA_CLUSTER_ID", config.kafkaClusterId(), Rules.KAFKA_CLUSTER_ID, "an id like lkc-abc123");
        Rules.require(context, "TABLEFLOW_SERVICE_ACCOUNT_ID", config.serviceAccountId(), Rules.SERVICE_ACCOUNT_ID, "an id like sa-abc123");
        Rules.require(context, "TABLEFLOW_CUSTOMER_ROLE_ARN", config.customerRoleArn(), Rules.IAM_ROLE_ARN,
                "an IAM role ARN like arn:aws:iam::123456789012:role/tableflow");
        Rules.require(context, "TABLEFLOW_BUCKET_NAME", config.bucketName(), Rules.S3_BUCKET, "an S3 bucket name");
        config.kafkaRestEndpoint().ifPresent(url -> Rules.require(context, "TABLEFLOW_KAFKA_REST_ENDPOINT", url, Rules.ENDPOINT_URL, "a URL"));
        config.schemaRegistryEndpoint().ifPresent(url -> Rules.require(context, "TABLEFLOW_SCHEMA_REGISTRY_ENDPOINT", url, Rules.ENDPOINT_URL, "a URL"));
        config.glueDatabase().ifPresent(name -> Rules.require(context, "TABLEFLOW_GLUE_DATABASE", name, Rules.GLUE_DATABASE,
                "a Glue database name of 1 to 255 lower-case letters, digits and underscores"));
    }

    /** Where TableFlow registers the tables: the GlueDatabaseName parameter, else Confluent's default, the Kafka cluster id. */
    public String glueDatabase() {
        return config.glueDatabase().orElse(config.kafkaClusterId());
    }

    public TableflowConfig config() {
        return config;
    }

    /** The project's bus, for the functions that publish on it (template.yaml sets the variable on those only). */
    public String eventBusName(StepContext context) {
        return config.eventBusName().orElseThrow(() -> new InvalidInputException(context, "TABLEFLOW_EVENT_BUS_NAME",
                "missing; template.yaml sets it on this function"));
    }

    /** The record of managed topics, for the functions that use it (template.yaml sets the variable on those only). */
    public String topicsTable(StepContext context) {
        return config.topicsTable().orElseThrow(() -> new InvalidInputException(context, "TABLEFLOW_TOPICS_TABLE",
                "missing; template.yaml sets it on this function"));
    }

    public String providerIntegrationName() {
        return qualified(config.environmentName() + "-provider-glue");
    }

    public String catalogIntegrationName() {
        return qualified(config.environmentName() + "-confluent-glue");
    }

    public String tableflowApiKeyName() {
        return qualified(config.environmentName() + "-tableflow-api-key");
    }

    public String kafkaApiKeyName() {
        return qualified(config.environmentName() + "-tableflow-topic-key");
    }

    public String schemaRegistryApiKeyName() {
        return qualified(config.environmentName() + "-schema-registry-key");
    }

    /**
     * The Sid of the one statement this stack owns in the customer role's trust policy. IAM is global, so stacks of
     * other regions may own statements in the same policy; unqualified, it is the Sid single-region stacks always had.
     */
    public String trustStatementSid() {
        return config.regionQualifier().map(q -> TrustPolicy.SID + Character.toUpperCase(q.charAt(0)) + q.substring(1)).orElse(TrustPolicy.SID);
    }

    /**
     * Confluent's display names are unique per Confluent environment, not per AWS region: a stack with a qualifier
     * appends it, so it never adopts, replaces or deletes (as an orphan key) what another region's stack owns.
     */
    private String qualified(String name) {
        return config.regionQualifier().map(q -> name + "-" + q).orElse(name);
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
