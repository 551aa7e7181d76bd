package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka REST v3 as Confluent Cloud serves it ({@code kafka-rest-v3-ccloud-sdk.yaml}): topics, partition growth and
 * topic configs, authenticated with a Kafka API key for that cluster. Errors use {@code {"error_code","message"}}
 * with Kafka's codes (40002 invalid request, 40403 unknown topic) and messages.
 * <p>
 * Confluent Cloud deletes a topic asynchronously: the DELETE answers 204 and the topic is still shown for a while
 * (terraform-provider-confluent polls for the 404 after deleting one, PR #195). {@link #deletionsListedFor} makes a
 * deleted topic stay listed for that many GETs of it; a DELETE of a topic being deleted answers 204 again.
 */
public final class KafkaRestApi extends MockApi {
    private static final String TOPICS = "/kafka/v3/clusters/{cluster_id}/topics";
    private static final String TOPIC = TOPICS + "/{topic_name}";
    private static final int DEFAULT_PARTITIONS = 6;
    private static final int REPLICATION_FACTOR = 3;
    /** Topic configs Confluent Cloud shows, with their cluster defaults; anything else is an unknown config. */
    static final Map<String, String> DEFAULT_CONFIGS = defaults();
    /** The numeric ones among them, with their type in Kafka's TopicConfig/LogConfig definitions. */
    private static final Map<String, String> NUMERIC_CONFIGS = Map.of("delete.retention.ms", "LONG", "max.compaction.lag.ms", "LONG",
            "max.message.bytes", "INT", "min.compaction.lag.ms", "LONG", "min.insync.replicas", "INT", "retention.bytes", "LONG",
            "retention.ms", "LONG", "segment.bytes", "INT", "segment.ms", "LONG");

    private static final class Topic {
        final String name;
        int partitions;
        final int replicationFactor;
        final Map<String, String> overrides = new LinkedHashMap<>();
        /** GETs of it still answered after its DELETE; -1 while it is not being deleted. */
        int listedAfterDelete = -1;

        Topic(String name, int partitions, int replicationFactor) {
            this.name = name;
            this.partitions = partitions;
            this.replicationFactor = replicationFactor;
        }
    }

    /** Cluster id → topic name → topic. */
    private final Map<String, Map<String, Topic>> clusters = new HashMap<>();
    private int deletionLag;

    KafkaRestApi(CloudContext ctx) {
        super(ctx);
    }

    @Override
    void register(Router router) {
        router.get(TOPICS, call -> {
            ObjectNode list = collection(call, "KafkaTopicList");
            topics(call).values().forEach(t -> ((ArrayNode) list.get("data")).add(topicJson(cluster(call), t)));
            return Reply.ok(list);
        });
        router.post(TOPICS, this::create);
        router.get(TOPIC, call -> Reply.ok(topicJson(cluster(call), observe(call))));
        router.delete(TOPIC, call -> {
            Topic topic = require(call);
            if (deletionLag == 0) {
                topics(call).remove(topic.name);
            } else if (topic.listedAfterDelete < 0) {
                topic.listedAfterDelete = deletionLag;
            }
            return Reply.noContent();
        });
        router.patch(TOPIC, this::growPartitions);
        router.get(TOPIC + "/configs", call -> {
            Topic topic = require(call);
            ObjectNode list = collection(call, "KafkaTopicConfigList");
            DEFAULT_CONFIGS.keySet().forEach(n -> ((ArrayNode) list.get("data")).add(configJson(cluster(call), topic, n)));
            return Reply.ok(list);
        });
        router.get(TOPIC + "/configs/{name}", call -> {
            Topic topic = require(call);
            return Reply.ok(configJson(cluster(call), topic, knownConfig(call.pathParam("name"))));
        });
        router.post(TOPIC + "/configs:alter", this::alterConfigs);
    }

    @Override
    void reset() {
        clusters.clear();
        deletionLag = 0;
    }

    /** A GET of one topic: a topic being deleted is shown until its deletion completes, then it is gone. */
    private Topic observe(HttpCall call) {
        Topic topic = require(call);
        if (topic.listedAfterDelete == 0) {
            topics(call).remove(topic.name);
            return require(call);
        }
        if (topic.listedAfterDelete > 0) {
            topic.listedAfterDelete--;
        }
        return topic;
    }

    private Reply create(HttpCall call) {
        JsonNode body = call.json();
        String name = Json.requireText(body, "topic_name");
        Map<String, Topic> topics = topics(call);
        if (topics.containsKey(name)) {
            throw invalid("Topic '" + name + "' already exists.");
        }
        int partitions = body.path("partitions_count").asInt(DEFAULT_PARTITIONS);
        int replication = body.path("replication_factor").asInt(REPLICATION_FACTOR);
        if (partitions < 1) {
            throw invalid("Number of partitions must be larger than 0.");
        }
        if (replication > REPLICATION_FACTOR) {
            throw invalid("Replication factor: " + replication + " larger than available brokers: " + REPLICATION_FACTOR + ".");
        }
        Topic topic = new Topic(name, partitions, replication);
        for (JsonNode config : body.path("configs")) {
            topic.overrides.put(knownConfig(config.path("name").asText()), validValue(config.path("name").asText(), config.path("value").asText(null)));
        }
        if (body.path("validate_only").asBoolean(false)) {
            return Reply.ok(topicJson(cluster(call), topic));
        }
        topics.put(name, topic);
        return Reply.json(201, topicJson(cluster(call), topic));
    }

    private Reply growPartitions(HttpCall call) {
        Topic topic = require(call);
        int requested = call.json().path("partitions_count").asInt(-1);
        if (requested == topic.partitions) {
            throw invalid("Topic already has " + topic.partitions + " partitions.");
        }
        if (requested < topic.partitions) {
            throw invalid("Topic currently has " + topic.partitions + " partitions, which is higher than the requested "
                    + requested + ".");
        }
        topic.partitions = requested;
        return Reply.ok(topicJson(cluster(call), topic));
    }

    private Reply alterConfigs(HttpCall call) {
        Topic topic = require(call);
        JsonNode body = call.json();
        Map<String, String> changed = new LinkedHashMap<>(topic.overrides);
        for (JsonNode change : body.path("data")) {
            String name = knownConfig(change.path("name").asText());
            if ("DELETE".equalsIgnoreCase(change.path("operation").asText("SET"))) {
                changed.remove(name);
            } else {
                changed.put(name, validValue(name, change.path("value").asText(null)));
            }
        }
        if (!body.path("validate_only").asBoolean(false)) {
            topic.overrides.clear();
            topic.overrides.putAll(changed);
        }
        return Reply.noContent();
    }

    private static String knownConfig(String name) {
        if (!DEFAULT_CONFIGS.containsKey(name)) {
            throw invalid("Unknown topic config name: " + name);
        }
        return name;
    }

    /**
     * The broker parses a value by its config's type (Kafka's ConfigDef) and refuses the whole request on the first it
     * cannot read, with ConfigException's message; Kafka REST answers 400 with it. Only the numeric types are modelled.
     */
    private static String validValue(String name, String value) {
        String type = NUMERIC_CONFIGS.get(name);
        if (type != null) {
            try {
                if (type.equals("INT")) {
                    Integer.parseInt(String.valueOf(value).trim());
                } else {
                    Long.parseLong(String.valueOf(value).trim());
                }
            } catch (NumberFormatException e) {
                throw invalid("Invalid value " + value + " for configuration " + name + ": Not a number of type " + type);
            }
        }
        return value;
    }

    private static ApiException invalid(String message) {
        return ApiException.coded(400, 40002, message);
    }

    private static String cluster(HttpCall call) {
        return call.pathParam("cluster_id");
    }

    private Map<String, Topic> topics(HttpCall call) {
        return clusters.computeIfAbsent(cluster(call), c -> new LinkedHashMap<>());
    }

    private Topic require(HttpCall call) {
        Topic topic = topics(call).get(call.pathParam("topic_name"));
        if (topic == null) {
            throw ApiException.coded(404, 40403, "This server does not host this topic-partition.");
        }
        return topic;
    }

    private ObjectNode collection(HttpCall call, String kind) {
        ObjectNode list = Json.object();
        list.put("kind", kind);
        list.putObject("metadata").put("self", ctx.url(call.path)).putNull("next");
        list.putArray("data");
        return list;
    }

    private ObjectNode topicJson(String cluster, Topic topic) {
        String self = "/kafka/v3/clusters/" + cluster + "/topics/" + topic.name;
        ObjectNode json = Json.object();
        json.put("kind", "KafkaTopic");
        json.putObject("metadata").put("self", ctx.url(self)).put("resource_name", "crn:///kafka=" + cluster + "/topic=" + topic.name);
        json.put("cluster_id", cluster);
        json.put("topic_name", topic.name);
        json.put("is_internal", false);
        json.put("replication_factor", topic.replicationFactor);
        json.put("partitions_count", topic.partitions);
        json.putObject("partitions").put("related", ctx.url(self + "/partitions"));
        json.putObject("configs").put("related", ctx.url(self + "/configs"));
        json.putObject("partition_reassignments").put("related", ctx.url(self + "/partitions/-/reassignments"));
        return json;
    }

    private ObjectNode configJson(String cluster, Topic topic, String name) {
        String self = "/kafka/v3/clusters/" + cluster + "/topics/" + topic.name + "/configs/" + name;
        boolean overridden = topic.overrides.containsKey(name);
        String source = overridden ? "DYNAMIC_TOPIC_CONFIG" : "DEFAULT_CONFIG";
        ObjectNode json = Json.object();
        json.put("kind", "KafkaTopicConfig");
        json.putObject("metadata").put("self", ctx.url(self))
                .put("resource_name", "crn:///kafka=" + cluster + "/topic=" + topic.name + "/config=" + name);
        json.put("cluster_id", cluster);
        json.put("topic_name", topic.name);
        json.put("name", name);
        json.put("value", overridden ? topic.overrides.get(name) : DEFAULT_CONFIGS.get(name));
        json.put("is_default", !overridden);
        json.put("is_read_only", false);
        json.put("is_sensitive", false);
        json.put("source", source);
        ArrayNode synonyms = json.putArray("synonyms");
        if (overridden) {
            synonyms.addObject().put("name", name).put("value", topic.overrides.get(name)).put("source", source);
        }
        synonyms.addObject().put("name", name).put("value", DEFAULT_CONFIGS.get(name)).put("source", "DEFAULT_CONFIG");
        return json;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("cleanup.policy", "delete");
        d.put("compression.type", "producer");
        d.put("delete.retention.ms", "86400000");
        d.put("max.compaction.lag.ms", "9223372036854775807");
        d.put("max.message.bytes", "2097164");
        d.put("message.timestamp.type", "CreateTime");
        d.put("min.compaction.lag.ms", "0");
        d.put("min.insync.replicas", "2");
        d.put("retention.bytes", "-1");
        d.put("retention.ms", "604800000");
        d.put("segment.bytes", "104857600");
        d.put("segment.ms", "604800000");
        d.put("confluent.key.schema.validation", "false");
        d.put("confluent.value.schema.validation", "false");
        return Collections.unmodifiableMap(d);
    }

    boolean topicExists(String cluster, String topic) {
        return clusters.getOrDefault(cluster, Map.of()).containsKey(topic);
    }

    // ---- test-side view -------------------------------------------------------------------------------------

    /** Topics of a cluster, as GET shows them. */
    public List<JsonNode> topics(String clusterId) {
        return locked(() -> clusters.getOrDefault(clusterId, Map.of()).values().stream()
                .map(t -> (JsonNode) topicJson(clusterId, t)).toList());
    }

    /** A topic that exists before the client arrives. */
    public void createTopic(String clusterId, String topic, int partitions) {
        locked(() -> clusters.computeIfAbsent(clusterId, c -> new LinkedHashMap<>())
                .put(topic, new Topic(topic, partitions, REPLICATION_FACTOR)));
    }

    /** The topic's non-default configs, or null when there is no such topic. */
    public Map<String, String> configOverrides(String clusterId, String topic) {
        return locked(() -> {
            Topic t = clusters.getOrDefault(clusterId, Map.of()).get(topic);
            return t == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(t.overrides));
        });
    }

    /** A deleted topic stays listed for this many GETs of it before it is gone (default 0: gone at once). */
    public void deletionsListedFor(int gets) {
        locked(() -> deletionLag = gets);
    }

    /** Deletes a topic behind the client's back. */
    public boolean deleteTopic(String clusterId, String topic) {
        return locked(() -> clusters.getOrDefault(clusterId, new HashMap<>()).remove(topic) != null);
    }
}
