package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.config.TableflowConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * Authenticates the management APIs (provider integrations, API keys, IAM, clusters) with the operator's Cloud API
 * key. It is read from Secrets Manager on first use and kept for the life of the Lambda container, which SnapStart
 * keeps warm for hours: so a key Confluent refuses is read again ({@link #renew}), and one the operator has rotated
 * since is picked up by the next call rather than failing every call until the container goes.
 */
@ApplicationScoped
public class CloudApiKey {

    private final Supplier<String> stored;
    private String authorization;

    @Inject
    public CloudApiKey(SecretStore secrets, TableflowConfig config) {
        this(() -> secrets.cloudApiKey(config.cloudApiKeySecret()).basicAuthorization());
    }

    /** @param stored reads the {@code Authorization} value from where the operator keeps the key */
    CloudApiKey(Supplier<String> stored) {
        this.stored = stored;
    }

    /** The {@code Authorization} header's value. */
    public synchronized String authorization() {
        if (authorization == null) {
            authorization = stored.get();
        }
        return authorization;
    }

    /**
     * After Confluent answered 401 to {@code refused}: reads the stored key again, unless another call already has.
     *
     * @return whether there is now another key to try; false when the stored key is the one refused (revoked, or not
     * active yet), which only the operator can fix
     */
    public synchronized boolean renew(String refused) {
        if (refused.equals(authorization)) {
            authorization = stored.get();
        }
        return !refused.equals(authorization);
    }
}
