package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * TableFlow API {@code tableflow/v1} (contract: tableflow-v1.yaml). Its security scheme is a resource API key:
 * the TableFlow key this application creates, passed per call, not the Cloud API key.
 */
@ApplicationScoped
public class TableflowClient {

    private final ConfluentHttp http;
    private final URI base;

    public TableflowClient(ConfluentHttp http, TableflowConfig config) {
        this.http = http;
        this.base = URI.create(config.confluentUrl());
    }

    /** The cheapest authenticated call: it proves a TableFlow key works. */
    public Page<JsonNode> regions(String authorization, int pageSize) {
        return http.get(base, "/tableflow/v1/regions").authorization(authorization).query("page_size", pageSize).page(JsonNode.class);
    }

    public Page<CatalogIntegration> catalogIntegrations(String authorization, String environment, String kafkaCluster, int pageSize,
            String pageToken) {
        return http.get(base, "/tableflow/v1/catalog-integrations").authorization(authorization)
                .query("environment", environment).query("spec.kafka_cluster", kafkaCluster)
                .query("page_size", pageSize).query("page_token", pageToken)
                .page(CatalogIntegration.class);
    }

    public CatalogIntegration catalogIntegration(String authorization, String id, String environment, String kafkaCluster) {
        return http.get(base, "/tableflow/v1/catalog-integrations/{}", id).authorization(authorization)
                .query("environment", environment).query("spec.kafka_cluster", kafkaCluster)
                .read(CatalogIntegration.class);
    }

    /** 202 Accepted, phase PENDING. */
    public CatalogIntegration createCatalogIntegration(String authorization, CatalogIntegration integration) {
        return http.post(base, "/tableflow/v1/catalog-integrations").authorization(authorization).body(integration)
                .read(CatalogIntegration.class);
    }

    /** 204 No Content; 404 when it is already gone. */
    public void deleteCatalogIntegration(String authorization, String id, String environment, String kafkaCluster) {
        http.delete(base, "/tableflow/v1/catalog-integrations/{}", id).authorization(authorization)
                .query("environment", environment).query("spec.kafka_cluster", kafkaCluster)
                .send();
    }

    public TableflowTopic tableflowTopic(String authorization, String topic, String environment, String kafkaCluster) {
        return http.get(base, "/tableflow/v1/tableflow-topics/{}", topic).authorization(authorization)
                .query("environment", environment).query("spec.kafka_cluster", kafkaCluster)
                .read(TableflowTopic.class);
    }

    public Page<TableflowTopic> tableflowTopics(String authorization, String environment, String kafkaCluster, int pageSize, String pageToken) {
        return http.get(base, "/tableflow/v1/tableflow-topics").authorization(authorization)
                .query("environment", environment).query("spec.kafka_cluster", kafkaCluster)
                .query("page_size", pageSize).query("page_token", pageToken)
                .page(TableflowTopic.class);
    }

    /** 202 Accepted, phase PENDING. */
    public TableflowTopic createTableflowTopic(String authorization, TableflowTopic topic) {
        return http.post(base, "/tableflow/v1/tableflow-topics").authorization(authorization).body(topic).read(TableflowTopic.class);
    }

    public TableflowTopic updateTableflowTopic(String authorization, String topic, TableflowTopic.UpdateRequest update) {
        return http.patch(base, "/tableflow/v1/tableflow-topics/{}", topic).authorization(authorization).body(update)
                .read(TableflowTopic.class);
    }

    /** Sets {@code spec.suspended} back to false: the only value the API accepts for it. */
    public TableflowTopic resumeTableflowTopic(String authorization, String topic, TableflowTopic.ResumeRequest resume) {
        return http.patch(base, "/tableflow/v1/tableflow-topics/{}", topic).authorization(authorization).body(resume)
                .read(TableflowTopic.class);
    }

    /** 204 No Content: TableFlow stops materializing the topic; the Kafka topic and the table's data stay. */
    public void deleteTableflowTopic(String authorization, String topic, String environment, String kafkaCluster) {
        http.delete(base, "/tableflow/v1/tableflow-topics/{}", topic).authorization(authorization)
                .query("environment", environment).query("spec.kafka_cluster", kafkaCluster)
                .send();
    }
}
