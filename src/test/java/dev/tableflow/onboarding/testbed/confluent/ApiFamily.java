package dev.tableflow.onboarding.testbed.confluent;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * One row per Confluent API surface the server hosts: where it lives, which contract describes it, how it
 * authenticates and which error body shape it speaks. Every other part (routing, validation, auth, faults) keys
 * off this table, so a new API is one new row plus one new {@link MockApi} class.
 */
enum ApiFamily {
    PROVIDER_INTEGRATIONS("/pim/v1/", "provider-integration-v1.yaml", Realm.CLOUD, ErrorStyle.MANAGEMENT),
    API_KEYS("/iam/v2/api-keys", "iam-v2-api-keys.yaml", Realm.CLOUD, ErrorStyle.MANAGEMENT),
    SERVICE_ACCOUNTS("/iam/v2/service-accounts", "iam-v2.yaml", Realm.CLOUD, ErrorStyle.MANAGEMENT),
    ROLE_BINDINGS("/iam/v2/role-bindings", "iam-v2-role-bindings.yaml", Realm.CLOUD, ErrorStyle.MANAGEMENT),
    TABLEFLOW("/tableflow/v1/", "tableflow-v1.yaml", Realm.TABLEFLOW, ErrorStyle.MANAGEMENT),
    CMK("/cmk/v2/", "cmk-v2.yaml", Realm.CLOUD, ErrorStyle.MANAGEMENT),
    SRCM("/srcm/v3/", "srcm-v3.yaml", Realm.CLOUD, ErrorStyle.MANAGEMENT),
    /** Confluent serves it on its own host, api.telemetry.confluent.cloud; here it shares the server, apart by path. */
    METRICS("/v2/metrics/", "metrics-v2.yaml", Realm.CLOUD, ErrorStyle.MANAGEMENT),
    KAFKA_REST("/kafka/v3/", "kafka-rest-v3-ccloud-sdk.yaml", Realm.KAFKA_CLUSTER, ErrorStyle.CODE_AND_MESSAGE),
    /** Confluent serves SR on its own host; we mount it under a prefix, which the validator strips as base path. */
    SCHEMA_REGISTRY(ApiFamily.SR_PREFIX + "/", "schema-registry-v1-ccloud-sdk.yaml", Realm.SCHEMA_REGISTRY,
            ErrorStyle.CODE_AND_MESSAGE);

    static final String SR_PREFIX = "/sr";

    /** Whose credentials a family accepts. */
    enum Realm { CLOUD, TABLEFLOW, KAFKA_CLUSTER, SCHEMA_REGISTRY }

    /** Management APIs answer {@code {"errors":[...]}}; Kafka REST and Schema Registry {@code {"error_code","message"}}. */
    enum ErrorStyle { MANAGEMENT, CODE_AND_MESSAGE }

    final String prefix;
    final String specFile;
    final Realm realm;
    final ErrorStyle errorStyle;

    ApiFamily(String prefix, String specFile, Realm realm, ErrorStyle errorStyle) {
        this.prefix = prefix;
        this.specFile = specFile;
        this.realm = realm;
        this.errorStyle = errorStyle;
    }

    /** Base path the contract's own paths are relative to (only SR's paths lack our mount prefix). */
    String specBasePath() {
        return this == SCHEMA_REGISTRY ? SR_PREFIX : "";
    }

    /**
     * The Content-Type this family answers with, for answers that have a body. Schema Registry uses its vendor type,
     * except for 400/401/403 which its contract declares as plain JSON.
     */
    String contentType(int status) {
        if (this == SCHEMA_REGISTRY && status != 400 && status != 401 && status != 403) {
            return "application/vnd.schemaregistry.v1+json";
        }
        return "application/json";
    }

    /** Longest matching prefix wins, so {@code /iam/v2/api-keys} never falls into a broader IAM row. */
    static Optional<ApiFamily> of(String path) {
        return Arrays.stream(values())
                .filter(f -> path.startsWith(f.prefix) || path.equals(stripSlash(f.prefix)))
                .max(Comparator.comparingInt(f -> f.prefix.length()));
    }

    private static String stripSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
