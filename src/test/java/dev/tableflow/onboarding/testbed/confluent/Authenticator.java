package dev.tableflow.onboarding.testbed.confluent;

import dev.tableflow.onboarding.testbed.confluent.ApiFamily.Realm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * HTTP Basic against the API-key store. Each family accepts only keys for its own resource (spec security schemes
 * {@code cloud-api-key} vs {@code resource-api-key}): the Cloud key is refused by TableFlow and vice versa, a Kafka
 * key only works for its own cluster.
 */
final class Authenticator {
    private final ApiKeysApi keys;
    private final CloudContext ctx;

    Authenticator(ApiKeysApi keys, CloudContext ctx) {
        this.keys = keys;
        this.ctx = ctx;
    }

    void authenticate(ApiFamily family, HttpCall call) {
        String[] pair = basicCredentials(call.header("Authorization"));
        ApiKeysApi.StoredKey key = pair == null ? null : keys.authenticate(pair[0], pair[1]);
        if (key == null) {
            throw refusal(family, "Invalid API key or secret");
        }
        if (key.refusalsLeft > 0 || key.activeAt != null && Instant.now().isBefore(key.activeAt)) {
            key.refusalsLeft = Math.max(0, key.refusalsLeft - 1);
            throw refusal(family, "API key '" + key.id + "' is not active yet");
        }
        String expected = switch (family.realm) {
            case CLOUD -> ApiKeysApi.CLOUD_RESOURCE;
            case TABLEFLOW -> ApiKeysApi.TABLEFLOW_RESOURCE;
            case KAFKA_CLUSTER -> clusterInPath(call.path);
            case SCHEMA_REGISTRY -> ctx.schemaRegistryClusterId;
        };
        if (!key.resourceId.equals(expected)) {
            throw refusal(family, "API key '" + key.id + "' is for resource '" + key.resourceId + "', not '" + expected + "'");
        }
        call.caller = key;
    }

    /** Each family's own 401 body: Kafka REST says 40101, Schema Registry 401, management APIs a Failure. */
    private static ApiException refusal(ApiFamily family, String detail) {
        if (family.realm == Realm.KAFKA_CLUSTER) {
            return ApiException.coded(401, 40101, "Authentication failed");
        }
        if (family.realm == Realm.SCHEMA_REGISTRY) {
            return ApiException.coded(401, 401, "Unauthorized");
        }
        return ApiException.unauthenticated(detail);
    }

    private static String clusterInPath(String path) {
        String[] parts = path.split("/"); // "", "kafka", "v3", "clusters", "<id>", ...
        return parts.length > 4 && parts[3].equals("clusters") ? parts[4] : "";
    }

    private static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
