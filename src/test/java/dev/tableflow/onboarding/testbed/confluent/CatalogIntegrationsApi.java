package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TableFlow v1 catalog integrations ({@code tableflow-v1.yaml}); authenticated with a TableFlow API key only. They are
 * created 202/PENDING and stay PENDING while no topic of their cluster has TableFlow enabled: Confluent syncs a catalog
 * only once a topic is materialized ("Catalog sync remains in the pending state until at least one topic is enabled
 * with Tableflow", Confluent's Snowflake Open Catalog guide; its AWS Glue quick start enables TableFlow on a topic
 * before it creates the Glue integration). From then on they become CONNECTED after a number of GETs of the
 * integration or of a TableFlow topic that reports its sync (or FAILED with {@code status.error_message} when a test
 * asks). They live in an environment + Kafka cluster scope: every read and delete names both in the query, while
 * PATCH carries them in {@code spec} instead. Display names are unique per cluster (409).
 */
public final class CatalogIntegrationsApi extends MockApi {
    private static final String PATH = "/tableflow/v1/catalog-integrations";
    private static final Set<String> CATALOG_KINDS = Set.of("AwsGlue", "Snowflake", "Unity");

    private static final class Tracked {
        final ObjectNode json;
        final Provisioning provisioning;
        /** Whether Confluent has started syncing: a topic of the cluster had TableFlow when the integration was looked at. */
        boolean syncing;

        Tracked(ObjectNode json, Provisioning provisioning) {
            this.json = json;
            this.provisioning = provisioning;
        }
    }

    /** Whether any topic of an environment's cluster has TableFlow enabled (the TableFlow topics API answers). */
    interface TopicsWithTableflow {
        boolean exist(String environment, String cluster);
    }

    private final ProviderIntegrationsApi providerIntegrations;
    private final int configuredObservations;
    private final Map<String, Tracked> integrations = new LinkedHashMap<>();
    private int observationsUntilConnected;
    private String nextFailure;
    private TopicsWithTableflow topics = (environment, cluster) -> false;

    CatalogIntegrationsApi(CloudContext ctx, ProviderIntegrationsApi providerIntegrations, int getsUntilConnected) {
        super(ctx);
        this.providerIntegrations = providerIntegrations;
        this.configuredObservations = getsUntilConnected;
        reset();
    }

    @Override
    void register(Router router) {
        router.get(PATH, this::list);
        router.post(PATH, this::create);
        router.get(PATH + "/{id}", call -> Reply.ok(show(require(call, call.requireQuery("environment"),
                call.requireQuery("spec.kafka_cluster")))));
        router.patch(PATH + "/{id}", this::update);
        router.delete(PATH + "/{id}", call -> {
            integrations.remove(require(call, call.requireQuery("environment"), call.requireQuery("spec.kafka_cluster"))
                    .json.get("id").asText());
            return Reply.noContent();
        });
    }

    @Override
    void reset() {
        integrations.clear();
        observationsUntilConnected = configuredObservations;
        nextFailure = null;
    }

    private Reply list(HttpCall call) {
        String environment = call.requireQuery("environment");
        String cluster = call.requireQuery("spec.kafka_cluster");
        List<ObjectNode> matching = integrations.values().stream()
                .filter(t -> inScope(t.json, environment, cluster))
                .map(this::show)
                .toList();
        return Reply.ok(Pagination.page(call, ctx, "tableflow/v1", "CatalogIntegrationList", matching));
    }

    private Reply create(HttpCall call) {
        JsonNode body = call.json();
        JsonNode spec = body.path("spec");
        String displayName = Json.requireText(body, "spec.display_name");
        String environment = Json.requireText(body, "spec.environment.id");
        String cluster = Json.requireText(body, "spec.kafka_cluster.id");
        String kind = Json.requireText(body, "spec.config.kind");
        if (!CATALOG_KINDS.contains(kind)) {
            throw ApiException.badRequest("spec.config.kind '" + kind + "' must be one of " + CATALOG_KINDS);
        }
        if (kind.equals("AwsGlue")) {
            String pim = Json.requireText(body, "spec.config.provider_integration_id");
            if (!providerIntegrations.exists(environment, pim)) {
                throw ApiException.unprocessable("Provider integration '" + pim + "' does not exist in " + environment);
            }
        }
        rejectDuplicateName(displayName, environment, cluster, null);

        String id = ctx.newId("tci");
        ObjectNode json = Json.object();
        json.put("api_version", "tableflow/v1");
        json.put("kind", "CatalogIntegration");
        json.put("id", id);
        json.set("metadata", ctx.metadata(PATH + "/" + id,
                ctx.crn("environment=" + environment, "cloud-cluster=" + cluster, "catalog-integration=" + id)));
        ObjectNode storedSpec = json.putObject("spec");
        storedSpec.put("display_name", displayName);
        storedSpec.put("suspended", spec.path("suspended").asBoolean(false));
        storedSpec.set("config", spec.get("config").deepCopy());
        storedSpec.set("environment", ctx.environmentRef(environment));
        storedSpec.set("kafka_cluster", ctx.kafkaClusterRef(environment, cluster));
        json.putObject("status").put("phase", "PENDING");
        Tracked tracked = new Tracked(json, new Provisioning(observationsUntilConnected, nextFailure));
        nextFailure = null;
        integrations.put(id, tracked);
        return Reply.created(202, json, selfWithScope(id, environment, cluster));
    }

    private Reply update(HttpCall call) {
        JsonNode body = call.json();
        JsonNode spec = body.path("spec");
        Tracked tracked = require(call, Json.requireText(body, "spec.environment.id"),
                Json.requireText(body, "spec.kafka_cluster.id"));
        ObjectNode stored = (ObjectNode) tracked.json.get("spec");
        if (spec.hasNonNull("display_name")) {
            String name = spec.get("display_name").asText();
            rejectDuplicateName(name, Json.text(stored, "environment.id"), Json.text(stored, "kafka_cluster.id"),
                    tracked.json.get("id").asText());
            stored.put("display_name", name);
        }
        if (spec.hasNonNull("suspended")) {
            stored.put("suspended", spec.get("suspended").asBoolean());
        }
        if (spec.hasNonNull("config")) {
            String kind = Json.requireText(body, "spec.config.kind");
            if (!kind.equals(Json.text(stored, "config.kind"))) {
                throw ApiException.badRequest("spec.config.kind cannot change from " + Json.text(stored, "config.kind"));
            }
            spec.get("config").fields().forEachRemaining(f -> ((ObjectNode) stored.get("config")).set(f.getKey(), f.getValue()));
        }
        ctx.touch(tracked.json);
        return Reply.ok(show(tracked));
    }

    private void rejectDuplicateName(String name, String environment, String cluster, String exceptId) {
        for (Tracked t : integrations.values()) {
            String id = t.json.get("id").asText();
            if (!id.equals(exceptId) && inScope(t.json, environment, cluster) && name.equals(Json.text(t.json, "spec.display_name"))) {
                throw ApiException.conflict("A catalog integration named '" + name + "' already exists for " + cluster,
                        selfWithScope(id, environment, cluster));
            }
        }
    }

    private Tracked require(HttpCall call, String environment, String cluster) {
        Tracked tracked = integrations.get(call.pathParam("id"));
        if (tracked == null || !inScope(tracked.json, environment, cluster)) {
            throw ApiException.notFound("Catalog integration '" + call.pathParam("id") + "' was not found");
        }
        return tracked;
    }

    /** Every GET that shows the integration moves its provisioning along, once it is syncing. */
    private ObjectNode show(Tracked tracked) {
        observe(tracked);
        render(tracked);
        return tracked.json;
    }

    private Provisioning.State observe(Tracked tracked) {
        if (!tracked.syncing && topics.exist(Json.text(tracked.json, "spec.environment.id"), Json.text(tracked.json, "spec.kafka_cluster.id"))) {
            tracked.syncing = true;
        }
        if (tracked.syncing) {
            tracked.provisioning.observe();
        }
        return state(tracked);
    }

    private static Provisioning.State state(Tracked tracked) {
        return tracked.syncing ? tracked.provisioning.state() : Provisioning.State.PENDING;
    }

    private static void render(Tracked tracked) {
        ObjectNode status = tracked.json.putObject("status");
        switch (state(tracked)) {
            case PENDING -> status.put("phase", "PENDING");
            case READY -> status.put("phase", "CONNECTED").put("last_sync_at", tracked.json.at("/metadata/updated_at").asText());
            case FAILED -> status.put("phase", "FAILED").put("error_message", tracked.provisioning.failure());
        }
    }

    private static boolean inScope(JsonNode json, String environment, String cluster) {
        return environment.equals(Json.text(json, "spec.environment.id")) && cluster.equals(Json.text(json, "spec.kafka_cluster.id"));
    }

    private String selfWithScope(String id, String environment, String cluster) {
        return ctx.url(PATH + "/" + id + "?environment=" + environment + "&spec.kafka_cluster=" + cluster);
    }

    /** A catalog integration as TableFlow topics see it when they report per-catalog sync status. */
    /** {@code database} is an AWS Glue integration's {@code custom_database}, null for the default (the cluster id). */
    record CatalogRef(String id, String kind, Provisioning.State state, String database) {
    }

    /** As a running TableFlow topic reports them; its report moves their provisioning along as a GET of them would. */
    List<CatalogRef> catalogsIn(String environment, String cluster) {
        return integrations.values().stream()
                .filter(t -> inScope(t.json, environment, cluster))
                .map(t -> {
                    Provisioning.State state = observe(t);
                    render(t);
                    return new CatalogRef(t.json.get("id").asText(), Json.text(t.json, "spec.config.kind"), state,
                            Json.text(t.json, "spec.config.custom_database"));
                })
                .toList();
    }

    void syncsWhen(TopicsWithTableflow topicsWithTableflow) {
        this.topics = topicsWithTableflow;
    }

    // ---- test-side view -------------------------------------------------------------------------------------

    /** How many GETs a newly created integration stays PENDING once a topic of its cluster has TableFlow (default 2). */
    public void getsUntilConnected(int gets) {
        locked(() -> observationsUntilConnected = gets);
    }

    /** The next created integration ends FAILED with this {@code status.error_message} instead of CONNECTED, once it syncs. */
    public void failNext(String errorMessage) {
        locked(() -> nextFailure = errorMessage);
    }

    /** An existing integration fails now. */
    public void fail(String id, String errorMessage) {
        locked(() -> {
            Tracked tracked = integrations.get(id);
            if (tracked == null) {
                throw new IllegalArgumentException("No catalog integration " + id);
            }
            tracked.syncing = true;
            tracked.provisioning.failNow(errorMessage);
            render(tracked);
        });
    }

    public List<JsonNode> list() {
        return locked(() -> Json.copies(integrations.values().stream().map(t -> t.json).toList()));
    }

    public JsonNode get(String id) {
        return locked(() -> integrations.containsKey(id) ? integrations.get(id).json.deepCopy() : null);
    }

    /** Deletes an integration behind the client's back. */
    public boolean delete(String id) {
        return locked(() -> integrations.remove(id) != null);
    }
}
