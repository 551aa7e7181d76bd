package dev.tableflow.onboarding.testbed.confluent;

import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.assertCodedError;
import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.assumeContracts;
import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.basic;
import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue-3 surfaces: cluster discovery, Kafka REST topics, Schema Registry and TableFlow topics. */
class ConfluentCloudTestServerTopicApisTest extends TestServerTest {
    private static final String ORDERS_V1 = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
            + "\"amount\":{\"type\":\"number\"}},\"required\":[\"id\"]}";

    private String env;
    private String cluster;
    private String kafkaAuth;
    private String topics;

    @BeforeEach
    void seeded() {
        env = server.environmentId();
        cluster = server.kafkaClusterId();
        kafkaAuth = basic(server.createKafkaApiKey());
        topics = "/kafka/v3/clusters/" + cluster + "/topics";
    }

    @AfterEach
    void conformsToContracts() {
        server.assertNoContractViolations();
    }

    @Test
    void clusterDiscoveryPointsAtThisServer() throws Exception {
        JsonNode kafkaCluster = json(http.cloud("GET", "/cmk/v2/clusters/" + cluster + "?environment=" + env, null));
        assertThat(kafkaCluster.at("/spec/http_endpoint").asText()).isEqualTo(server.kafkaRestUrl());
        assertThat(kafkaCluster.at("/status/phase").asText()).isEqualTo("PROVISIONED");
        assertThat(http.cloud("GET", "/cmk/v2/clusters/" + cluster + "?environment=env-other", null).statusCode()).isEqualTo(404);

        JsonNode registries = json(http.cloud("GET", "/srcm/v3/clusters?environment=" + env, null));
        assertThat(registries.get("data")).singleElement().satisfies(sr -> {
            assertThat(sr.get("id").asText()).isEqualTo(server.schemaRegistryClusterId());
            assertThat(sr.at("/spec/http_endpoint").asText()).isEqualTo(server.schemaRegistryUrl());
        });
    }

    @Test
    void kafkaTopicLifecycle() throws Exception {
        String body = "{\"topic_name\":\"orders\",\"partitions_count\":3,"
                + "\"configs\":[{\"name\":\"cleanup.policy\",\"value\":\"compact\"}]}";
        HttpResponse<String> created = http.send("POST", topics, kafkaAuth, body);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("partitions_count").asInt()).isEqualTo(3);

        HttpResponse<String> again = http.send("POST", topics, kafkaAuth, body);
        assertCodedError(again, 400, 40002);
        assertThat(json(again).get("message").asText()).isEqualTo("Topic 'orders' already exists.");

        assertThat(json(http.send("GET", topics, kafkaAuth, null)).get("data")).hasSize(1);
        assertThat(http.send("PATCH", topics + "/orders", kafkaAuth, "{\"partitions_count\":6}").statusCode()).isEqualTo(200);
        assertCodedError(http.send("PATCH", topics + "/orders", kafkaAuth, "{\"partitions_count\":2}"), 400, 40002);
        assertThat(json(http.send("GET", topics + "/orders", kafkaAuth, null)).get("partitions_count").asInt()).isEqualTo(6);

        String alter = "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"86400000\"},"
                + "{\"name\":\"cleanup.policy\",\"operation\":\"DELETE\"}]}";
        assertThat(http.send("POST", topics + "/orders/configs:alter", kafkaAuth, alter).statusCode()).isEqualTo(204);
        assertThat(server.kafka().configOverrides(cluster, "orders")).containsExactly(Map.entry("retention.ms", "86400000"));
        JsonNode configs = json(http.send("GET", topics + "/orders/configs", kafkaAuth, null));
        assertThat(configs.get("data")).anySatisfy(c -> {
            assertThat(c.get("name").asText()).isEqualTo("retention.ms");
            assertThat(c.get("value").asText()).isEqualTo("86400000");
            assertThat(c.get("is_default").asBoolean()).isFalse();
        });
        assertCodedError(http.send("POST", topics + "/orders/configs:alter", kafkaAuth,
                "{\"data\":[{\"name\":\"no.such.config\",\"value\":\"1\"}]}"), 400, 40002);

        assertThat(http.send("DELETE", topics + "/orders", kafkaAuth, null).statusCode()).isEqualTo(204);
        assertCodedError(http.send("GET", topics + "/orders", kafkaAuth, null), 404, 40403);
    }

    /**
     * validate_only (kafka-rest-v3.yaml, createKafkaTopic and updateKafkaTopicConfigBatch): the broker checks the request
     * as it would apply it, answers as it would (200 instead of 201 for a topic), and changes nothing; a value the
     * broker cannot parse is refused in either mode with Kafka's ConfigException message.
     */
    @Test
    void validateOnlyChecksAndChangesNothing() throws Exception {
        HttpResponse<String> dryCreate = http.send("POST", topics, kafkaAuth,
                "{\"topic_name\":\"orders\",\"partitions_count\":3,\"validate_only\":true}");
        assertThat(dryCreate.statusCode()).isEqualTo(200);
        assertCodedError(http.send("GET", topics + "/orders", kafkaAuth, null), 404, 40403);
        HttpResponse<String> badCreate = http.send("POST", topics, kafkaAuth,
                "{\"topic_name\":\"orders\",\"configs\":[{\"name\":\"retention.ms\",\"value\":\"forever\"}]}");
        assertCodedError(badCreate, 400, 40002);
        assertThat(json(badCreate).get("message").asText())
                .isEqualTo("Invalid value forever for configuration retention.ms: Not a number of type LONG");
        assertCodedError(http.send("GET", topics + "/orders", kafkaAuth, null), 404, 40403);

        server.kafka().createTopic(cluster, "orders", 2);
        String alter = topics + "/orders/configs:alter";
        assertThat(http.send("POST", alter, kafkaAuth,
                "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"86400000\"}],\"validate_only\":true}").statusCode()).isEqualTo(204);
        assertThat(server.kafka().configOverrides(cluster, "orders")).isEmpty();
        assertCodedError(http.send("POST", alter, kafkaAuth,
                "{\"data\":[{\"name\":\"segment.bytes\",\"value\":\"1.5\"}],\"validate_only\":true}"), 400, 40002);
        assertCodedError(http.send("POST", alter, kafkaAuth,
                "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"1\"},{\"name\":\"no.such.config\",\"value\":\"1\"}]}"), 400, 40002);
        assertThat(server.kafka().configOverrides(cluster, "orders")).as("a refused batch changes nothing").isEmpty();
    }

    @Test
    void kafkaRestOnlyAcceptsThatClustersKey() throws Exception {
        assertCodedError(http.cloud("GET", topics, null), 401, 40101);
        String other = server.clusters().addKafkaCluster(env);
        String otherKey = basic(server.apiKeys().seed(server.serviceAccountId(), other));
        assertCodedError(http.send("GET", topics, otherKey, null), 401, 40101);
        assertThat(http.send("GET", "/kafka/v3/clusters/" + other + "/topics", otherKey, null).statusCode()).isEqualTo(200);
    }

    @Test
    void kafkaRateLimitIsJettysHtmlPage() throws Exception {
        server.faults().next(1, Fault.rateLimited(2)).onPath("/kafka/v3");
        HttpResponse<String> limited = http.send("GET", topics, kafkaAuth, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void schemaRegistryRegisterLookupAndCompatibility() throws Exception {
        String sr = "/sr/subjects/orders-value";
        String srAuth = basic(server.createSchemaRegistryApiKey());
        HttpResponse<String> registered = http.send("POST", sr + "/versions", srAuth, schemaBody(ORDERS_V1));
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
        int id = json(registered).get("id").asInt();
        assertThat(json(http.send("POST", sr + "/versions", srAuth, schemaBody(ORDERS_V1))).get("id").asInt()).isEqualTo(id);

        JsonNode found = json(http.send("POST", sr, srAuth, schemaBody(ORDERS_V1)));
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(found.get("schemaType").asText()).isEqualTo("JSON");

        // ORDERS_V1 is an open content model (no additionalProperties: false): it may lose a property, not gain one.
        String optionalAdded = ORDERS_V1.replace("\"amount\"", "\"note\":{\"type\":\"string\"},\"amount\"");
        String requiredAdded = ORDERS_V1.replace("[\"id\"]", "[\"id\",\"amount\"]");
        String amountRemoved = ORDERS_V1.replace(",\"amount\":{\"type\":\"number\"}", "");
        String compat = "/sr/compatibility/subjects/orders-value/versions/latest?verbose=true";
        JsonNode added = json(http.send("POST", compat, srAuth, schemaBody(optionalAdded)));
        assertThat(added.get("is_compatible").asBoolean()).isFalse();
        assertThat(added.get("messages").toString()).contains("#/properties/note", "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL");
        JsonNode incompatible = json(http.send("POST", compat, srAuth, schemaBody(requiredAdded)));
        assertThat(incompatible.get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.get("messages").toString()).contains("#/required/amount", "REQUIRED_ATTRIBUTE_ADDED");
        assertThat(json(http.send("POST", compat, srAuth, schemaBody(amountRemoved))).get("is_compatible").asBoolean()).isTrue();

        assertCodedError(http.send("POST", sr + "/versions", srAuth, schemaBody(requiredAdded)), 409, 409);
        assertThat(http.send("POST", sr + "/versions", srAuth, schemaBody(amountRemoved)).statusCode()).isEqualTo(200);
        assertThat(json(http.send("GET", sr + "/versions/latest", srAuth, null)).get("version").asInt()).isEqualTo(2);
        // Three accepted registrations (the idempotent repeat included); lookups and compatibility checks are reads.
        assertThat(server.writes("/sr")).isEqualTo(3);

        assertCodedError(http.send("GET", "/sr/subjects/nope/versions/latest", srAuth, null), 404, 40401);
        assertCodedError(http.send("POST", "/sr/subjects/orders-value", srAuth, schemaBody("{\"type\":\"object\"}")), 404, 40403);
        assertCodedError(http.send("POST", sr + "/versions", srAuth, schemaBody("{not json")), 422, 42201);
        assertCodedError(http.cloud("GET", sr + "/versions/latest", null), 401, 401);
    }

    @Test
    void tableflowTopicGoesPendingThenRunningWithGlueSync() throws Exception {
        String tf = basic(server.createTableflowApiKey());
        String pim = json(http.cloud("POST", "/pim/v1/integrations", "{\"display_name\":\"glue\",\"config\":{\"kind\":"
                + "\"AwsIntegrationConfig\",\"customer_iam_role_arn\":\"arn:aws:iam::123456789012:role/tf\"},"
                + "\"environment\":{\"id\":\"" + env + "\"}}")).get("id").asText();
        server.catalogIntegrations().getsUntilConnected(0);
        String catalog = json(http.send("POST", "/tableflow/v1/catalog-integrations", tf, "{\"spec\":{\"display_name\":\"glue\","
                + "\"config\":{\"kind\":\"AwsGlue\",\"provider_integration_id\":\"" + pim + "\"},\"environment\":{\"id\":\""
                + env + "\"},\"kafka_cluster\":{\"id\":\"" + cluster + "\"}}}")).get("id").asText();

        HttpResponse<String> noSuchTopic = http.send("POST", "/tableflow/v1/tableflow-topics", tf, topicBody("orders", pim));
        assertThat(noSuchTopic.statusCode()).isEqualTo(404);
        assertThat(json(noSuchTopic).at("/errors/0/code").asText()).isEqualTo("resource_not_found");
        assertThat(json(noSuchTopic).at("/errors/0/detail").asText()).isEqualTo("topic not found");
        server.kafka().createTopic(cluster, "orders", 6);
        server.tableflowTopics().topicNotFoundFor(1);
        assertThat(http.send("POST", "/tableflow/v1/tableflow-topics", tf, topicBody("orders", pim)).statusCode())
                .as("a topic Kafka created a moment ago, not yet seen by TableFlow").isEqualTo(404);
        HttpResponse<String> enabled = http.send("POST", "/tableflow/v1/tableflow-topics", tf, topicBody("orders", pim));
        assertThat(enabled.statusCode()).isEqualTo(202);
        assertThat(json(enabled).at("/status/phase").asText()).isEqualTo("PENDING");
        assertThat(json(enabled).at("/spec/storage/table_path").asText()).startsWith("s3://tf-bucket/");
        assertThat(http.send("POST", "/tableflow/v1/tableflow-topics", tf, topicBody("orders", pim)).statusCode()).isEqualTo(409);
        String hourly = topicBody("orders", pim).replace("\"86400000\"", "\"3600000\"");
        server.kafka().createTopic(cluster, "hourly", 1);
        HttpResponse<String> underMinimum = http.send("POST", "/tableflow/v1/tableflow-topics", tf, hourly.replace("\"orders\"", "\"hourly\""));
        assertThat(underMinimum.statusCode()).isEqualTo(400);
        assertThat(json(underMinimum).at("/errors/0/detail").asText()).contains("retention_ms", "86400000");

        String get = "/tableflow/v1/tableflow-topics/orders?environment=" + env + "&spec.kafka_cluster=" + cluster;
        assertThat(json(http.send("GET", get, tf, null)).at("/status/phase").asText()).isEqualTo("PENDING");
        JsonNode running = json(http.send("GET", get, tf, null));
        assertThat(running.at("/status/phase").asText()).isEqualTo("RUNNING");
        assertThat(running.at("/status/catalog_sync_statuses/0/catalog_integration_id").asText()).isEqualTo(catalog);
        assertThat(running.at("/status/catalog_sync_statuses/0/catalog_type").asText()).isEqualTo("AWS_GLUE");
        assertThat(running.at("/status/catalog_sync_statuses/0/sync_status").asText()).isEqualTo("SYNCED");

        server.tableflowTopics().failTableFormat("orders", "ICEBERG", "Schema validation failed");
        assertThat(json(http.send("GET", get, tf, null)).at("/status/failing_table_formats/0/error_message").asText())
                .isEqualTo("Schema validation failed");

        String pause = "{\"spec\":{\"suspended\":true,\"environment\":{\"id\":\"" + env + "\"},"
                + "\"kafka_cluster\":{\"id\":\"" + cluster + "\"}}}";
        assertThat(http.send("PATCH", "/tableflow/v1/tableflow-topics/orders", tf, pause).statusCode())
                .as("pausing on demand is not supported").isEqualTo(400);
        assertThat(running.at("/status/write_mode").asText()).isEqualTo("APPEND");
        server.tableflowTopics().suspend("orders", "Failed to access S3 bucket tf-bucket: Access Denied");
        JsonNode suspended = json(http.send("GET", get, tf, null));
        assertThat(suspended.at("/spec/suspended").asBoolean()).isTrue();
        assertThat(suspended.at("/status/error_message").asText()).isEqualTo("Failed to access S3 bucket tf-bucket: Access Denied");
        JsonNode resumed = json(http.send("PATCH", "/tableflow/v1/tableflow-topics/orders", tf, pause.replace("true", "false")));
        assertThat(resumed.at("/spec/suspended").asBoolean()).isFalse();
        assertThat(resumed.at("/status/error_message").isMissingNode()).isTrue();
        server.kafka().createTopic(cluster, "customers", 1);
        assertThat(http.send("POST", topics + "/customers/configs:alter", kafkaAuth,
                "{\"data\":[{\"name\":\"cleanup.policy\",\"value\":\"compact\"}]}").statusCode()).isEqualTo(204);
        assertThat(json(http.send("POST", "/tableflow/v1/tableflow-topics", tf, topicBody("customers", pim))).at("/status/write_mode").asText())
                .as("a compacted topic is materialized in UPSERT mode").isEqualTo("UPSERT");
        assertThat(http.send("DELETE", get, tf, null).statusCode()).isEqualTo(204);
        assertThat(http.send("GET", get, tf, null).statusCode()).isEqualTo(404);
    }

    @Test
    void tableflowTopicsCanFailAndArePaged() throws Exception {
        String tf = basic(server.createTableflowApiKey());
        List<String> names = List.of("t0", "t1", "t2", "t3");
        names.forEach(n -> server.kafka().createTopic(cluster, n, 1));
        server.tableflowTopics().failNext("Topic has no schema");
        for (String n : names) {
            String managed = "{\"spec\":{\"display_name\":\"" + n + "\",\"storage\":{\"kind\":\"Managed\"},\"environment\":{\"id\":\""
                    + env + "\"},\"kafka_cluster\":{\"id\":\"" + cluster + "\"}}}";
            assertThat(http.send("POST", "/tableflow/v1/tableflow-topics", tf, managed).statusCode()).isEqualTo(202);
        }
        List<JsonNode> all = new ArrayList<>();
        String next = "/tableflow/v1/tableflow-topics?environment=" + env + "&spec.kafka_cluster=" + cluster;
        while (next != null) {
            JsonNode page = json(http.send("GET", next, tf, null));
            page.get("data").forEach(all::add);
            next = page.at("/metadata/next").isMissingNode() ? null : page.at("/metadata/next").asText();
        }
        assertThat(all).extracting(t -> t.at("/spec/display_name").asText()).containsExactlyElementsOf(names);
        JsonNode failed = json(http.send("GET", "/tableflow/v1/tableflow-topics/t0?environment=" + env
                + "&spec.kafka_cluster=" + cluster, tf, null));
        assertThat(failed.at("/status/phase").asText()).isEqualTo("FAILED");
        assertThat(failed.at("/status/error_message").asText()).isEqualTo("Topic has no schema");
    }

    @Test
    void kafkaAndSchemaRegistryRequestsAreValidatedToo() throws Exception {
        assumeContracts(server, ApiFamily.KAFKA_REST, ApiFamily.SCHEMA_REGISTRY);
        assertCodedError(http.send("POST", topics, kafkaAuth, "{\"partitions_count\":\"many\"}"), 400, 400);
        String srAuth = basic(server.createSchemaRegistryApiKey());
        assertCodedError(http.send("POST", "/sr/subjects/x-value/versions", srAuth, "{\"schema\":{\"type\":\"object\"}}"), 400, 400);
        assertThat(server.contractViolations()).extracting(ContractViolation::specFile)
                .containsExactly("kafka-rest-v3-ccloud-sdk.yaml", "schema-registry-v1-ccloud-sdk.yaml");
        server.reset(); // the violations were the point; keep @AfterEach's check for the server's own answers
    }

    private static String schemaBody(String schema) {
        return Json.write(Json.object().put("schemaType", "JSON").put("schema", schema));
    }

    private String topicBody(String topic, String providerIntegration) {
        return topicBody(topic, providerIntegration, env, cluster);
    }

    /** A request to enable TableFlow for {@code topic}, stored in {@code tf-bucket} through {@code providerIntegration}. */
    static String topicBody(String topic, String providerIntegration, String env, String cluster) {
        return "{\"spec\":{\"display_name\":\"" + topic + "\",\"table_formats\":[\"ICEBERG\"],"
                + "\"config\":{\"retention_ms\":\"86400000\"},\"storage\":{\"kind\":\"ByobAws\","
                + "\"bucket_name\":\"tf-bucket\",\"provider_integration_id\":\"" + providerIntegration
                + "\"},\"environment\":{\"id\":\"" + env + "\"},\"kafka_cluster\":{\"id\":\"" + cluster + "\"}}}";
    }
}
