package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.config.TableflowConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authenticates the management APIs (provider integrations, API keys, IAM, clusters) with the operator's Cloud API
 * key. It is read from Secrets Manager on first use and kept for the life of the Lambda container.
 */
@ApplicationScoped
public class CloudApiKey {

    private final SecretStore secrets;
    private final TableflowConfig config;
    private volatile String authorization;

    public CloudApiKey(SecretStore secrets, TableflowConfig config) {
        this.secrets = secrets;
        this.config = config;
    }

    /** The {@code Authorization} header's value. */
    public String authorization() {
        if (authorization == null) {
            authorization = secrets.cloudApiKey(config.cloudApiKeySecret()).basicAuthorization();
        }
        return authorization;
    }
}
