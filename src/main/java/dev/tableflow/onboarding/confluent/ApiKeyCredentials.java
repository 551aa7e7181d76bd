package dev.tableflow.onboarding.confluent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An API key and its secret, as stored in Secrets Manager, and when that version of the secret was stored: a refused
 * key stored moments ago is still propagating, one stored long ago is revoked ({@link ConfluentCalls#withKey}). Prints
 * without the secret.
 */
public record ApiKeyCredentials(String key, String secret, Instant storedAt) {

    /** A key just created, not yet read back from Secrets Manager. */
    public ApiKeyCredentials(String key, String secret) {
        this(key, secret, Instant.now());
    }

    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiKeyCredentials[key=" + key + ", secret=****, storedAt=" + storedAt + "]";
    }
}
