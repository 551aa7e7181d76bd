package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * What all APIs share: the seeded organization (org, environment, Kafka and Schema Registry clusters), id and secret
 * generation, links back to this server, and the lock. Every request and every test-side accessor runs while holding
 * this object's monitor, so state changes are atomic without per-API locking.
 */
final class CloudContext {
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Random random;
    private final Set<String> issued = new HashSet<>();
    final String organizationId;
    final String environmentId;
    /** The AWS account Confluent's provider-integration roles live in (what customers trust). */
    final String confluentAwsAccountId;
    final String schemaRegistryClusterId;
    /** Kafka cluster id → environment id. */
    final Map<String, String> kafkaClusters = new LinkedHashMap<>();
    private final int configuredPageSize;
    private int defaultPageSize;
    private volatile String baseUrl = "http://127.0.0.1";

    CloudContext(long seed, int defaultPageSize) {
        this.random = new Random(seed);
        this.organizationId = uuid();
        this.environmentId = newId("env");
        this.confluentAwsAccountId = digits(12);
        this.schemaRegistryClusterId = newId("lsrc");
        this.kafkaClusters.put(newId("lkc"), environmentId);
        this.configuredPageSize = defaultPageSize;
        this.defaultPageSize = defaultPageSize;
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    String url(String path) {
        return baseUrl + path;
    }

    int defaultPageSize() {
        return defaultPageSize;
    }

    void defaultPageSize(int size) {
        if (size < 1 || size > Pagination.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + Pagination.MAX_PAGE_SIZE);
        }
        this.defaultPageSize = size;
    }

    void resetSettings() {
        defaultPageSize = configuredPageSize;
    }

    String firstKafkaClusterId() {
        return kafkaClusters.keySet().iterator().next();
    }

    // ---- ids, secrets, time ----------------------------------------------------------------------------------

    /** Short lowercase ids in Confluent's style ({@code dlz-3k9x0q}, {@code tci-...}); never repeated. */
    String newId(String prefix) {
        String id;
        do {
            id = prefix + "-" + pick(ID_ALPHABET, 6);
        } while (!issued.add(id));
        return id;
    }

    /** API key ids are 16 upper-case alphanumerics. */
    String newApiKeyId() {
        String id;
        do {
            id = pick(KEY_ALPHABET, 16);
        } while (!issued.add(id));
        return id;
    }

    /** 64 characters including '+' and '/', as real secrets do, so clients must encode Basic auth properly. */
    String newSecret() {
        return pick(SECRET_ALPHABET, 64);
    }

    /** RFC 4122 (name-based) UUID derived from the seeded random, so runs are reproducible. */
    String uuid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return UUID.nameUUIDFromBytes(bytes).toString();
    }

    String digits(int n) {
        return pick("0123456789", n);
    }

    private String pick(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    // ---- references Confluent embeds in resources ----------------------------------------------------------

    /** {@code crn://confluent.cloud/organization=<org>/a=b/...} */
    String crn(String... segments) {
        return "crn://confluent.cloud/organization=" + organizationId + (segments.length == 0 ? "" : "/" + String.join("/", segments));
    }

    String environmentCrn(String environmentId) {
        return crn("environment=" + environmentId);
    }

    ObjectNode environmentRef(String environmentId) {
        ObjectNode ref = Json.object();
        ref.put("id", environmentId);
        ref.put("related", url("/org/v2/environments/" + environmentId));
        ref.put("resource_name", environmentCrn(environmentId));
        return ref;
    }

    ObjectNode kafkaClusterRef(String environmentId, String clusterId) {
        ObjectNode ref = Json.object();
        ref.put("id", clusterId);
        ref.put("environment", environmentId);
        ref.put("related", url("/cmk/v2/clusters/" + clusterId));
        ref.put("resource_name", crn("environment=" + environmentId, "cloud-cluster=" + clusterId));
        return ref;
    }

    /** Standard {@code ObjectMeta}: self link, CRN and timestamps. */
    ObjectNode metadata(String selfPath, String resourceName) {
        ObjectNode meta = Json.object();
        meta.put("self", url(selfPath));
        if (resourceName != null) {
            meta.put("resource_name", resourceName);
        }
        String now = now();
        meta.put("created_at", now);
        meta.put("updated_at", now);
        return meta;
    }

    void touch(ObjectNode resource) {
        ((ObjectNode) resource.path("metadata")).put("updated_at", now());
    }
}
