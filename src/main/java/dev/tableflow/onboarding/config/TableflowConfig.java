package dev.tableflow.onboarding.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Deployment configuration shared by every function. SAM's Globals set these as TABLEFLOW_* environment
 * variables from the stack parameters, so one deployed stack serves exactly one environment.
 */
@ConfigMapping(prefix = "tableflow")
public interface TableflowConfig {

    /** Short environment name ({@code dev}, {@code prod}); prefixes every Confluent display name. */
    String environmentName();

    /**
     * Set only when the same environment is deployed in more than one AWS region: it is appended to every name that
     * Confluent or IAM hold globally (display names, the trust statement's Sid), so the stacks never share or fight
     * over them. Empty for a single-region deployment, whose names stay the product's {@code {env}-provider-glue}, ….
     */
    Optional<String> regionQualifier();

    /** Confluent Cloud environment id, {@code env-…}. */
    String confluentEnvironmentId();

    /** Kafka cluster id, {@code lkc-…}. */
    String kafkaClusterId();

    /** Service account that owns the API keys, {@code sa-…}. */
    String serviceAccountId();

    /** The customer's IAM role that TableFlow assumes to reach Glue and S3. */
    String customerRoleArn();

    /** Name of the Secrets Manager secret with the Cloud API key ({@code api_key}, {@code api_secret}). */
    String cloudApiKeySecret();

    /** Prefix of the secrets this application owns, e.g. {@code tableflow-onboarding/dev/}. */
    String secretPrefix();

    @WithDefault("https://api.confluent.cloud")
    String confluentUrl();

    /** Confluent Cloud's Metrics API, a host of its own (metrics-v2.yaml {@code servers}); the test bed points it elsewhere. */
    @WithDefault("https://api.telemetry.confluent.cloud")
    String metricsUrl();

    /**
     * The AWS Glue database TableFlow registers the tables in (the catalog integration's {@code custom_database});
     * absent (an empty parameter), Confluent's default, the Kafka cluster id.
     */
    Optional<String> glueDatabase();

    /** Bring-your-own S3 bucket where TableFlow writes the Iceberg data of onboarded topics. */
    String bucketName();

    /** The cluster's REST endpoint; discovered through {@code cmk/v2} when absent (an empty variable is absent). */
    Optional<String> kafkaRestEndpoint();

    /** The environment's Schema Registry endpoint; discovered through {@code srcm/v3} when absent. */
    Optional<String> schemaRegistryEndpoint();

    /**
     * A Schema Registry API key the operator already has (secret name, same JSON shape as the Cloud API key).
     * When absent, the onboarding workflow creates and stores {@code {env}-schema-registry-key} itself.
     */
    Optional<String> schemaRegistryApiKeySecret();

    /** The project's event bus; only the functions that publish on it have it: PublishOutcome and ReportStatus. */
    Optional<String> eventBusName();

    /**
     * The DynamoDB table that records the topics this stack manages ({@code aws/TopicRegistry}); only the functions that
     * read or write the record have it.
     */
    Optional<String> topicsTable();

    /** The onboarding workflow; only the intake function that starts it has it. */
    Optional<String> onboardingStateMachineArn();

    /** The offboarding workflow; only its intake (AcceptOffboardingRequest) has it. */
    Optional<String> offboardingStateMachineArn();

    /** The teardown workflow; only its intake (AcceptTeardownRequest) has it. */
    Optional<String> teardownStateMachineArn();
}
