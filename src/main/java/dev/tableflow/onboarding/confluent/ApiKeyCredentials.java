package dev.tableflow.onboarding.confluent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An API key and its secret, as stored in Secrets Manager, and when that version of the secret was stored: a refused
 * key stored moments ago is still propagating, one stored long ago is revoked ({@link ConfluentCalls#withKey}). Prints
 * without the secret.
 *
 * @param storedAt null for a key not in use yet (just created, or a rotation's pending key): refused, it is still new
 */
public record ApiKeyCredentials(String key, String secret, Instant storedAt) {

    /** A key not in use yet, whatever Secrets Manager says of its version. */
    public ApiKeyCredentials(String key, String secret) {
        this(key, secret, null);
    }

    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiKeyCredentials[key=" + key + ", secret=****, storedAt=" + storedAt + "]";
    }
}
