package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.util.Optional;

/**
 * API key secrets in Secrets Manager, as JSON {@code {"api_key": "...", "api_secret": "..."}} (the shape the
 * operator also uses for the Cloud API key). Secrets are the only place a key's secret lives.
 */
@ApplicationScoped
public class SecretStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient client;

    public SecretStore(SecretsManagerClient client) {
        this.client = client;
    }

    /** The operator's Cloud API key; without it nothing can run, so its absence is terminal. */
    public ApiKeyCredentials cloudApiKey(String secretId) {
        StepContext context = new StepContext("Configuration", "Cloud API key secret \"" + secretId + "\"");
        return read(context, secretId)
                .orElseThrow(() -> new TerminalException(context, "not found in Secrets Manager; create it before deploying (see README) "
                        + "or fix the ConfluentCloudApiKeySecretName parameter (TABLEFLOW_CLOUD_API_KEY_SECRET)"));
    }

    /** A key this application stored earlier; its absence means an earlier step has not run. */
    public ApiKeyCredentials require(StepContext context, String secretId, String storedBy) {
        return read(context, secretId).orElseThrow(() -> new TerminalException(context,
                "secret \"" + secretId + "\" not found in Secrets Manager; " + storedBy + " stores it"));
    }

    public Optional<ApiKeyCredentials> read(StepContext context, String secretId) {
        return AwsCalls.call(context, () -> {
            try {
                String value = client.getSecretValue(r -> r.secretId(secretId)).secretString();
                return Optional.of(parse(context, value));
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** Creates the secret, or writes a new current version when it exists. */
    public void store(StepContext context, String name, ApiKeyCredentials credentials, String description) {
        String value = JSON.createObjectNode().put("api_key", credentials.key()).put("api_secret", credentials.secret()).toString();
        AwsCalls.call(context, () -> {
            try {
                return client.putSecretValue(r -> r.secretId(name).secretString(value)).arn();
            } catch (ResourceNotFoundException e) {
                return client.createSecret(r -> r.name(name).description(description).secretString(value)).arn();
            }
        });
    }

    /**
     * Deletes a secret at once, without a recovery window; false when there was none. Only done after its key was
     * deleted in Confluent, so the value is worthless; a secret scheduled for deletion would keep its name for 7 to 30
     * days, and the next bootstrap or onboarding could neither create nor write it.
     */
    public boolean delete(StepContext context, String name) {
        return AwsCalls.call(context, () -> {
            try {
                client.describeSecret(r -> r.secretId(name));
            } catch (ResourceNotFoundException e) {
                return false;
            }
            client.deleteSecret(r -> r.secretId(name).forceDeleteWithoutRecovery(true));
            return true;
        });
    }

    private static ApiKeyCredentials parse(StepContext context, String value) {
        try {
            JsonNode json = JSON.readTree(value);
            String key = json.path("api_key").asText("");
            String secret = json.path("api_secret").asText("");
            if (!key.isBlank() && !secret.isBlank()) {
                return new ApiKeyCredentials(key, secret);
            }
        } catch (Exception malformed) {
            // Fall through: the message below must not echo the value, which may hold a secret.
        }
        throw new TerminalException(context, "the secret is not JSON with non-empty \"api_key\" and \"api_secret\"");
    }
}
