package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.config.TableflowConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Authenticates the management APIs (provider integrations, API keys, IAM) with the operator's Cloud API key.
 * It is read from Secrets Manager on first use and kept for the life of the Lambda container.
 */
@ApplicationScoped
public class CloudApiKeyHeaders implements ClientHeadersFactory {

    private final SecretStore secrets;
    private final TableflowConfig config;
    private volatile String authorization;

    public CloudApiKeyHeaders(SecretStore secrets, TableflowConfig config) {
        this.secrets = secrets;
        this.config = config;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        if (authorization == null) {
            authorization = secrets.cloudApiKey(config.cloudApiKeySecret()).basicAuthorization();
        }
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("Authorization", authorization);
        return headers;
    }
}
