package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * TableFlow v1 topics ({@code tableflow-v1.yaml}), addressed by Kafka topic name within environment + cluster.
 * Enabling answers 202/PENDING (or 404 "topic not found" for a Kafka topic TableFlow has not seen); after a number of
 * GETs the topic is RUNNING and reports, per catalog integration of its cluster, a sync status (CONNECTED integration →
 * SYNCED, pending → PENDING, failed → DISCONNECTED); the first topic of a cluster starts its catalogs' sync. Tests can
 * make a topic FAILED, a table format fail ({@code failing_table_formats}) or a catalog sync fail, or suspend it
 * ({@link TableflowTopic}); a PATCH of {@code suspended: false} resumes it, {@code true} is refused.
 */
public final class TableflowTopicsApi extends MockApi {
    private static final String PATH = "/tableflow/v1/tableflow-topics";

    /** What TableFlow does in AWS when a Glue sync succeeds: register the table (the test bed wires it to moto's Glue). */
    public interface GlueCatalog {
        void tableSynced(String database, String table, String location);
    }

    private volatile GlueCatalog glue = (database, table, location) -> { };
    private final KafkaRestApi kafka;
    private final TableflowRbac rbac;
    private final ProviderIntegrationsApi providerIntegrations;
    private final CatalogIntegrationsApi catalogIntegrations;
    private final int configuredObservations;
    private final TimedReadiness timed = new TimedReadiness();
    /** environment/cluster/topic → topic. */
    private final Map<String, TableflowTopic> topics = new LinkedHashMap<>();
    private int observationsUntilRunning;
    private String nextFailure;
    private int notFoundAnswersLeft;

    TableflowTopicsApi(CloudContext ctx, KafkaRestApi kafka, ProviderIntegrationsApi providerIntegrations,
                       CatalogIntegrationsApi catalogIntegrations, RoleBindingsApi roleBindings, int getsUntilRunning) {
        super(ctx);
        this.kafka = kafka;
        this.rbac = new TableflowRbac(ctx, roleBindings);
        this.providerIntegrations = providerIntegrations;
        this.catalogIntegrations = catalogIntegrations;
        this.configuredObservations = getsUntilRunning;
        catalogIntegrations.syncsWhen((environment, cluster) -> topics.keySet().stream().anyMatch(k -> k.startsWith(key(environment, cluster, ""))));
        reset();
    }

    @Override
    void register(Router router) {
        router.get(PATH, this::list);
        router.post(PATH, this::create);
        router.get(PATH + "/{display_name}", call -> Reply.ok(show(require(call.requireQuery("environment"),
                call.requireQuery("spec.kafka_cluster"), call.pathParam("display_name")))));
        router.patch(PATH + "/{display_name}", this::update);
        router.delete(PATH + "/{display_name}", call -> {
            String topic = call.pathParam("display_name");
            if (topics.remove(key(call.requireQuery("environment"), call.requireQuery("spec.kafka_cluster"), topic)) == null) {
                throw ApiException.notFound("Tableflow topic '" + topic + "' was not found");
            }
            return Reply.noContent();
        });
    }

    @Override
    void reset() {
        topics.clear();
        observationsUntilRunning = configuredObservations;
        nextFailure = null;
        notFoundAnswersLeft = 0;
        timed.reset();
    }

    private Reply list(HttpCall call) {
        String prefix = key(call.requireQuery("environment"), call.requireQuery("spec.kafka_cluster"), "");
        List<String> formats = call.query.getOrDefault("spec.table_formats", List.of());
        List<ObjectNode> matching = topics.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .filter(t -> formats.isEmpty() || formats.stream().anyMatch(t::hasFormat))
                .map(this::show)
                .toList();
        return Reply.ok(Pagination.page(call, ctx, "tableflow/v1", "TableflowTopicList", matching));
    }

    private Reply create(HttpCall call) {
        JsonNode body = call.json();
        JsonNode spec = body.path("spec");
        String topic = Json.requireText(body, "spec.display_name");
        String environment = Json.requireText(body, "spec.environment.id");
        String cluster = Json.requireText(body, "spec.kafka_cluster.id");
        // Confluent's own answer, body and all (terraform-provider-confluent PR #896), also for a Kafka topic created a
        // moment ago that TableFlow has not seen yet.
        if (!kafka.topicExists(cluster, topic)) {
            throw ApiException.notFound("topic not found");
        }
        if (notFoundAnswersLeft > 0) {
            notFoundAnswersLeft--;
            throw ApiException.notFound("topic not found");
        }
        rbac.requireToEnable(call.caller == null ? "" : call.caller.ownerId, environment, cluster, topic,
                Json.text(spec.path("storage"), "provider_integration_id"));
        if (topics.containsKey(key(environment, cluster, topic))) {
            throw ApiException.conflict("Tableflow is already enabled for topic '" + topic + "'",
                    selfWithScope(topic, environment, cluster));
        }
        ArrayNode formats = TableflowTopic.formats(spec);
        TableflowTopicConfigs.check(spec.path("config"));
        ObjectNode storage = TableflowTopic.storage(ctx, spec.path("storage"), providerIntegrations::exists, environment, cluster, topic);
        ObjectNode json = TableflowTopic.resource(ctx, PATH, spec, formats, storage, environment, cluster, topic);
        String failure = nextFailure;
        // A timed topic's table appears in Glue when due even if nobody polls, as TableFlow registers it on its own.
        TableflowTopic tracked = new TableflowTopic(json, timed.enabled(topic, failure,
                () -> locked(() -> Optional.ofNullable(topics.get(key(environment, cluster, topic))).ifPresent(this::show)))
                .orElseGet(() -> new Provisioning(observationsUntilRunning, failure)),
                kafka.configOverrides(cluster, topic).getOrDefault("cleanup.policy", "delete"));
        nextFailure = null;
        TableflowTopicConfigs.createLogTarget(kafka, cluster, json.at("/spec/config"));
        topics.put(key(environment, cluster, topic), tracked);
        render(tracked);
        return Reply.created(202, json, selfWithScope(topic, environment, cluster));
    }

    private Reply update(HttpCall call) {
        JsonNode body = call.json();
        JsonNode spec = body.path("spec");
        String environment = Json.requireText(body, "spec.environment.id");
        String cluster = Json.text(body, "spec.kafka_cluster.id"); // not required by the contract for PATCH
        String topic = call.pathParam("display_name");
        TableflowTopic tracked = cluster != null ? require(environment, cluster, topic) : topics.entrySet().stream()
                .filter(e -> e.getKey().startsWith(environment + "/") && e.getKey().endsWith("/" + topic))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> ApiException.notFound("Tableflow topic '" + topic + "' was not found"));
        ObjectNode stored = (ObjectNode) tracked.json.get("spec");
        if (spec.hasNonNull("suspended")) {
            if (spec.get("suspended").asBoolean()) {
                throw ApiException.badRequest("spec.suspended can only be set to false: pausing the Tableflow on-demand is not currently supported");
            }
            tracked.resume();
        }
        if (spec.has("table_formats")) {
            stored.set("table_formats", spec.get("table_formats").deepCopy());
        }
        TableflowTopicConfigs.check(spec.path("config"));
        TableflowTopicConfigs.createLogTarget(kafka, tracked.text("spec.kafka_cluster.id"), spec.path("config"));
        TableflowTopic.merge((ObjectNode) stored.get("config"), spec.path("config"));
        ctx.touch(tracked.json);
        return Reply.ok(show(tracked));
    }

    private TableflowTopic require(String environment, String cluster, String topic) {
        TableflowTopic tracked = topics.get(key(environment, cluster, topic));
        if (tracked == null) {
            throw ApiException.notFound("Tableflow topic '" + topic + "' was not found");
        }
        return tracked;
    }

    private ObjectNode show(TableflowTopic tracked) {
        tracked.provisioning.observe();
        render(tracked);
        return tracked.json;
    }

    private void render(TableflowTopic tracked) {
        tracked.render(() -> catalogIntegrations.catalogsIn(tracked.text("spec.environment.id"), tracked.text("spec.kafka_cluster.id")),
                catalog -> publishToGlue(tracked, catalog));
    }

    /**
     * TableFlow names the Glue database after the Kafka cluster, or as the integration's {@code custom_database} says,
     * and the table after the topic, at the topic's table_path ("the current storage path where the data and metadata
     * is stored for this table", tableflow-v1.yaml).
     */
    private void publishToGlue(TableflowTopic tracked, CatalogIntegrationsApi.CatalogRef catalog) {
        String topic = tracked.text("spec.display_name");
        if (tracked.catalogSyncFailure == null && "AwsGlue".equals(catalog.kind()) && !tracked.publishedToGlue && timed.glueTableDue(topic)) {
            tracked.publishedToGlue = true;
            String database = catalog.database() != null ? catalog.database() : tracked.text("spec.kafka_cluster.id");
            glue.tableSynced(database, topic.toLowerCase(java.util.Locale.ROOT), tracked.text("spec.storage.table_path"));
            timed.glueTableRegistered(topic);
        }
    }

    private static String key(String environment, String cluster, String topic) {
        return environment + "/" + cluster + "/" + topic;
    }

    private String selfWithScope(String topic, String environment, String cluster) {
        return ctx.url(PATH + "/" + topic + "?environment=" + environment + "&spec.kafka_cluster=" + cluster);
    }

    private TableflowTopic byTopic(String topic) {
        return topics.entrySet().stream().filter(e -> e.getKey().endsWith("/" + topic)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("No Tableflow topic " + topic));
    }

    // ---- test-side view -------------------------------------------------------------------------------------

    /** Called once per topic when its AWS Glue sync first shows SYNCED. */
    public void onGlueSync(GlueCatalog catalog) {
        this.glue = catalog;
    }

    /**
     * Topics enabled from now on for which {@code byTopic} gives delays become ready by the clock (see
     * {@link TimedReadiness}); the others, by GETs. Until the next reset.
     */
    public void readyAfter(Function<String, Optional<TimedReadiness.Delays>> byTopic) {
        locked(() -> timed.delays(byTopic));
    }

    /** When a topic made ready by the clock was (or will be) RUNNING with its Glue sync SYNCED. */
    public Optional<Instant> runningAt(String topic) {
        return timed.runningAt(topic);
    }

    /** When a topic made ready by the clock had its table registered in Glue; empty until then. */
    public Optional<Instant> glueTableAt(String topic) {
        return timed.glueTableAt(topic);
    }

    /** How many GETs a newly enabled topic stays PENDING (default 2). */
    public void getsUntilRunning(int gets) {
        locked(() -> observationsUntilRunning = gets);
    }

    /**
     * The next {@code creates} requests to enable TableFlow answer 404 "topic not found" although the Kafka topic exists,
     * as TableFlow does for a topic Kafka created a moment ago (terraform-provider-confluent PR #896).
     */
    public void topicNotFoundFor(int creates) {
        locked(() -> notFoundAnswersLeft = creates);
    }

    /** The next enabled topic ends FAILED with this {@code status.error_message} instead of RUNNING. */
    public void failNext(String errorMessage) {
        locked(() -> nextFailure = errorMessage);
    }

    /** An enabled topic fails now. */
    public void fail(String topic, String errorMessage) {
        locked(() -> {
            TableflowTopic tracked = byTopic(topic);
            tracked.provisioning.failNow(errorMessage);
            render(tracked);
        });
    }

    /** Reports a table format as failing ({@code status.failing_table_formats}) while the topic keeps its phase. */
    public void failTableFormat(String topic, String format, String errorMessage) {
        locked(() -> {
            TableflowTopic tracked = byTopic(topic);
            tracked.failingFormats.put(format, errorMessage);
            render(tracked);
        });
    }

    /**
     * TableFlow pauses the topic: {@code spec.suspended} becomes true and {@code status.error_message} says why, until a
     * PATCH of {@code suspended: false} resumes it.
     */
    public void suspend(String topic, String cause) {
        locked(() -> {
            TableflowTopic tracked = byTopic(topic);
            tracked.suspend(cause);
            render(tracked);
        });
    }

    /** Connected catalogs report sync_status FAILED with this message for the topic. */
    public void failCatalogSync(String topic, String errorMessage) {
        locked(() -> {
            byTopic(topic).catalogSyncFailure = errorMessage;
        });
    }

    public List<JsonNode> list() {
        return locked(() -> Json.copies(topics.values().stream().map(t -> t.json).toList()));
    }

    public JsonNode get(String topic) {
        return locked(() -> topics.entrySet().stream().filter(e -> e.getKey().endsWith("/" + topic))
                .map(e -> (JsonNode) e.getValue().json.deepCopy()).findFirst().orElse(null));
    }

    /** Disables TableFlow for a topic behind the client's back. */
    public boolean delete(String topic) {
        return locked(() -> topics.entrySet().removeIf(e -> e.getKey().endsWith("/" + topic)));
    }
}
