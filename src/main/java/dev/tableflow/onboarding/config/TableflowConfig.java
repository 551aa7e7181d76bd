package dev.tableflow.onboarding.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Deployment configuration shared by every function. SAM's Globals set these as TABLEFLOW_* environment
 * variables from the stack parameters, so one deployed stack serves exactly one environment.
 */
@ConfigMapping(prefix = "tableflow")
public interface TableflowConfig {

    /** Short environment name ({@code dev}, {@code prod}); prefixes every Confluent display name. */
    String environmentName();

    /** Confluent Cloud environment id, {@code env-…}. */
    String confluentEnvironmentId();

    /** Kafka cluster id, {@code lkc-…}. */
    String kafkaClusterId();

    /** Service account that owns the API keys, {@code sa-…}. */
    String serviceAccountId();

    /** The customer's IAM role that TableFlow assumes to reach Glue and S3. */
    String customerRoleArn();

    /** Name or ARN of the Secrets Manager secret with the Cloud API key ({@code api_key}, {@code api_secret}). */
    String cloudApiKeySecret();

    /** Prefix of the secrets this application owns, e.g. {@code tableflow-onboarding/dev/}. */
    String secretPrefix();

    @WithDefault("https://api.confluent.cloud")
    String confluentUrl();
}
