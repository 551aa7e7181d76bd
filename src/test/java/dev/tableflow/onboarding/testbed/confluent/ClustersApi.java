package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Cluster management reads clients need to find data-plane endpoints: {@code cmk/v2} Kafka clusters
 * ({@code spec.http_endpoint} is this server, which also serves Kafka REST) and {@code srcm/v3} Schema Registry
 * clusters ({@code spec.http_endpoint} is this server's {@code /sr} mount). Both are seeded, read-only.
 */
public final class ClustersApi extends MockApi {
    private static final String CMK = "/cmk/v2/clusters";
    private static final String SRCM = "/srcm/v3/clusters";
    static final String REGION = "us-east-1";

    ClustersApi(CloudContext ctx) {
        super(ctx);
    }

    @Override
    void register(Router router) {
        router.get(CMK, call -> {
            String environment = call.requireQuery("environment");
            List<ObjectNode> clusters = ctx.kafkaClusters.entrySet().stream()
                    .filter(c -> c.getValue().equals(environment))
                    .map(c -> kafkaCluster(c.getKey(), c.getValue()))
                    .toList();
            return Reply.ok(Pagination.page(call, ctx, "cmk/v2", "ClusterList", clusters));
        });
        router.get(CMK + "/{id}", call -> {
            String environment = call.requireQuery("environment");
            String id = call.pathParam("id");
            if (!environment.equals(ctx.kafkaClusters.get(id))) {
                throw ApiException.notFound("Kafka cluster '" + id + "' was not found in " + environment);
            }
            return Reply.ok(kafkaCluster(id, environment));
        });
        router.get(SRCM, call -> {
            String environment = call.requireQuery("environment");
            List<ObjectNode> clusters = environment.equals(ctx.environmentId) ? List.of(schemaRegistry()) : List.of();
            return Reply.ok(Pagination.page(call, ctx, "srcm/v3", "ClusterList", clusters));
        });
        router.get(SRCM + "/{id}", call -> {
            String environment = call.requireQuery("environment");
            if (!environment.equals(ctx.environmentId) || !call.pathParam("id").equals(ctx.schemaRegistryClusterId)) {
                throw ApiException.notFound("Schema Registry cluster '" + call.pathParam("id") + "' was not found");
            }
            return Reply.ok(schemaRegistry());
        });
    }

    @Override
    void reset() {
        // Clusters are seeded; scenario additions stay until the server closes (ids are never reused).
    }

    private ObjectNode kafkaCluster(String id, String environment) {
        ObjectNode cluster = Json.object();
        cluster.put("api_version", "cmk/v2");
        cluster.put("kind", "Cluster");
        cluster.put("id", id);
        cluster.set("metadata", ctx.metadata(CMK + "/" + id, ctx.crn("environment=" + environment, "cloud-cluster=" + id)));
        ObjectNode spec = cluster.putObject("spec");
        spec.put("display_name", "cluster-" + id);
        spec.put("availability", "SINGLE_ZONE");
        spec.put("cloud", "AWS");
        spec.put("region", REGION);
        spec.putObject("config").put("kind", "Standard");
        String bootstrap = "SASL_SSL://pkc-" + id.substring(4) + "." + REGION + ".aws.confluent.cloud:9092";
        spec.put("kafka_bootstrap_endpoint", bootstrap);
        // Clients call Kafka REST at <http_endpoint>/kafka/v3/clusters/<id>/...; that is us.
        spec.put("http_endpoint", ctx.baseUrl());
        spec.put("api_endpoint", ctx.baseUrl());
        ObjectNode endpoint = spec.putObject("endpoints").putObject("PUBLIC");
        endpoint.put("kafka_bootstrap_endpoint", bootstrap);
        endpoint.put("http_endpoint", ctx.baseUrl());
        endpoint.put("connection_type", "PUBLIC");
        spec.set("environment", ctx.environmentRef(environment));
        cluster.putObject("status").put("phase", "PROVISIONED");
        return cluster;
    }

    private ObjectNode schemaRegistry() {
        String id = ctx.schemaRegistryClusterId;
        ObjectNode cluster = Json.object();
        cluster.put("api_version", "srcm/v3");
        cluster.put("kind", "Cluster");
        cluster.put("id", id);
        cluster.set("metadata", ctx.metadata(SRCM + "/" + id, ctx.crn("environment=" + ctx.environmentId, "schema-registry=" + id)));
        ObjectNode spec = cluster.putObject("spec");
        spec.put("display_name", "Stream Governance Package");
        spec.put("package", "ESSENTIALS");
        spec.put("http_endpoint", schemaRegistryUrl());
        spec.put("cloud", "AWS");
        spec.put("region", REGION);
        spec.set("environment", ctx.environmentRef(ctx.environmentId));
        cluster.putObject("status").put("phase", "PROVISIONED");
        return cluster;
    }

    String schemaRegistryUrl() {
        return ctx.url(ApiFamily.SR_PREFIX);
    }

    // ---- test-side view -------------------------------------------------------------------------------------

    /** Adds another Kafka cluster (e.g. in another environment); returns its id. */
    public String addKafkaCluster(String environmentId) {
        return locked(() -> {
            String id = ctx.newId("lkc");
            ctx.kafkaClusters.put(id, environmentId);
            return id;
        });
    }

    public Map<String, String> kafkaClusters() {
        return locked(() -> Map.copyOf(ctx.kafkaClusters));
    }

    public JsonNode kafkaCluster(String id) {
        return locked(() -> ctx.kafkaClusters.containsKey(id) ? kafkaCluster(id, ctx.kafkaClusters.get(id)) : null);
    }
}
