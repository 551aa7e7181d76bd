package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One Kafka topic TableFlow is enabled for, as the test server holds it ({@link TableflowTopicsApi}): the resource an
 * enable request makes, and the status it shows as it provisions, syncs to its catalogs, fails or is suspended.
 * <p>
 * Suspension, as Confluent documents it ("Configure Tableflow", error-handling mode): TableFlow pauses a topic on a
 * record it cannot materialize in SUSPEND mode, and on catalog or storage access errors and invalid schema changes in
 * any mode. The API shows it as {@code spec.suspended: true} (the spec: "The API allows setting it only to
 * {@code false} i.e., to resume the Tableflow. Pausing the Tableflow on-demand is not currently supported"); the cause
 * is shown as {@code status.error_message}, the spec's "displayable error message if Tableflow topic is in an error
 * state".
 * <p>
 * The write mode ({@code status.write_mode}, "Write Modes with Tableflow"): UPSERT when the Kafka topic's
 * {@code cleanup.policy} includes {@code compact} when TableFlow is enabled, APPEND otherwise, and fixed while it stays
 * enabled.
 */
final class TableflowTopic {
    private static final Set<String> FORMATS = Set.of("ICEBERG", "DELTA");
    private static final Map<String, String> CATALOG_TYPES = Map.of("AwsGlue", "AWS_GLUE", "Snowflake", "SNOWFLAKE", "Unity", "UNITY");

    final ObjectNode json;
    final Provisioning provisioning;
    final Map<String, String> failingFormats = new LinkedHashMap<>();
    final String writeMode;
    String catalogSyncFailure;
    boolean publishedToGlue;
    private String suspendedBecause;

    TableflowTopic(ObjectNode json, Provisioning provisioning, String cleanupPolicy) {
        this.json = json;
        this.provisioning = provisioning;
        this.writeMode = cleanupPolicy.contains("compact") ? "UPSERT" : "APPEND";
    }

    /** The request's table formats, ICEBERG when it names none. */
    static ArrayNode formats(JsonNode spec) {
        ArrayNode formats = spec.has("table_formats") ? spec.get("table_formats").deepCopy() : Json.array().add("ICEBERG");
        formats.forEach(f -> {
            if (!FORMATS.contains(f.asText())) {
                throw ApiException.badRequest("table format '" + f.asText() + "' must be one of " + FORMATS);
            }
        });
        return formats;
    }

    /** The resource an enable request makes: Confluent's config defaults overridden by the request's. */
    static ObjectNode resource(CloudContext ctx, String path, JsonNode spec, ArrayNode formats, ObjectNode storage,
                               String environment, String cluster, String topic) {
        ObjectNode json = Json.object();
        json.put("api_version", "tableflow/v1");
        json.put("kind", "TableflowTopic");
        json.set("metadata", ctx.metadata(path + "/" + topic,
                ctx.crn("environment=" + environment, "cloud-cluster=" + cluster, "tableflow-topic=" + topic)));
        ObjectNode stored = json.putObject("spec");
        stored.put("display_name", topic);
        stored.put("suspended", spec.path("suspended").asBoolean(false));
        ObjectNode config = stored.putObject("config");
        config.put("enable_compaction", false).put("enable_partitioning", false).put("retention_ms", "604800000")
                .put("record_failure_strategy", "SUSPEND").put("metadata_column_naming_scheme", "DEFAULT");
        merge(config, spec.path("config"));
        stored.set("storage", storage);
        stored.set("table_formats", formats);
        stored.set("environment", ctx.environmentRef(environment));
        stored.set("kafka_cluster", ctx.kafkaClusterRef(environment, cluster));
        return json;
    }

    /** The request's storage with what TableFlow adds: the table's path, and for BYOB S3 the bucket's region. */
    static ObjectNode storage(CloudContext ctx, JsonNode storage, BiPredicate<String, String> integrationExists,
                              String environment, String cluster, String topic) {
        String kind = Json.requireText(storage, "kind");
        ObjectNode out = storage.deepCopy();
        String tablePath = ctx.organizationId + "/" + environment + "/" + cluster + "/v1/" + topic;
        switch (kind) {
            case "ByobAws" -> {
                String bucket = Json.requireText(storage, "bucket_name");
                String pim = Json.requireText(storage, "provider_integration_id");
                if (!integrationExists.test(environment, pim)) {
                    throw ApiException.unprocessable("Provider integration '" + pim + "' does not exist in " + environment);
                }
                out.put("bucket_region", ClustersApi.REGION);
                out.put("table_path", "s3://" + bucket + "/" + tablePath);
            }
            case "Managed" -> out.put("table_path", "s3://confluent-tableflow-managed/" + tablePath);
            case "AzureDataLakeStorageGen2" -> out.put("table_path", "abfss://" + Json.requireText(storage, "container_name")
                    + "@" + Json.requireText(storage, "storage_account_name") + ".dfs.core.windows.net/" + tablePath);
            default -> throw ApiException.badRequest("spec.storage.kind '" + kind + "' is not supported");
        }
        return out;
    }

    static void merge(ObjectNode target, JsonNode changes) {
        if (changes.isObject()) {
            changes.fields().forEachRemaining(f -> target.set(f.getKey(), f.getValue().deepCopy()));
        }
    }

    String text(String dottedPath) {
        return Json.text(json, dottedPath);
    }

    boolean hasFormat(String format) {
        for (JsonNode each : json.at("/spec/table_formats")) {
            if (each.asText().equals(format)) {
                return true;
            }
        }
        return false;
    }

    /** TableFlow pauses the topic, until a PATCH of {@code suspended: false} resumes it. */
    void suspend(String cause) {
        suspendedBecause = cause;
        ((ObjectNode) json.get("spec")).put("suspended", true);
    }

    void resume() {
        suspendedBecause = null;
        ((ObjectNode) json.get("spec")).put("suspended", false);
    }

    /**
     * Writes {@code status} as it stands; once RUNNING, a sync status per catalog integration of the cluster
     * ({@code catalogs}): CONNECTED integration → SYNCED (then {@code synced} is told), pending → PENDING, failed →
     * DISCONNECTED. The catalogs are read only then: reading them counts as looking at them (they provision as
     * they are observed, {@link Provisioning}).
     */
    void render(Supplier<List<CatalogIntegrationsApi.CatalogRef>> catalogs, Consumer<CatalogIntegrationsApi.CatalogRef> synced) {
        ObjectNode status = json.putObject("status");
        Provisioning.State state = provisioning.state();
        status.put("phase", switch (state) {
            case PENDING -> "PENDING";
            case READY -> "RUNNING";
            case FAILED -> "FAILED";
        });
        if (state == Provisioning.State.FAILED) {
            status.put("error_message", provisioning.failure());
        } else if (suspendedBecause != null) {
            status.put("error_message", suspendedBecause);
        }
        ArrayNode syncs = status.putArray("catalog_sync_statuses");
        if (state == Provisioning.State.READY) {
            for (CatalogIntegrationsApi.CatalogRef catalog : catalogs.get()) {
                ObjectNode sync = syncs.addObject().put("catalog_integration_id", catalog.id())
                        .put("catalog_type", CATALOG_TYPES.getOrDefault(catalog.kind(), catalog.kind()));
                switch (catalog.state()) {
                    case PENDING -> sync.put("sync_status", "PENDING");
                    case FAILED -> sync.put("sync_status", "DISCONNECTED");
                    case READY -> {
                        sync.put("sync_status", catalogSyncFailure == null ? "SYNCED" : "FAILED")
                                .put("error_message", catalogSyncFailure);
                        synced.accept(catalog);
                    }
                }
            }
        }
        ArrayNode failing = status.putArray("failing_table_formats");
        failingFormats.forEach((format, message) -> failing.addObject().put("format", format).put("error_message", message));
        status.put("write_mode", writeMode);
    }
}
