package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.confluent.ClusterClient;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * Where the cluster's Kafka REST API and the environment's Schema Registry live: from the deployment when it
 * names them, otherwise discovered with the Cloud API key. Every step that sends a Kafka or Schema Registry key asks
 * here itself, never its input: an endpoint that travelled in a workflow's state or a Task's input is one whoever
 * may invoke the function chooses, and the key would go to their host.
 */
@ApplicationScoped
public class Endpoints {

    /** A Schema Registry cluster: its keys are scoped to the id, its API served at the endpoint. */
    public record SchemaRegistry(String clusterId, String endpoint) {}

    private final TableflowConfig config;
    private final ConfluentCalls calls;
    private final ClusterClient clusters;

    public Endpoints(TableflowConfig config, ConfluentCalls calls, ClusterClient clusters) {
        this.config = config;
        this.calls = calls;
        this.clusters = clusters;
    }

    /**
     * The Kafka cluster, looked up in the configured environment. Workflows call this before their first write, so
     * an environment or cluster id that does not exist (or is not visible to the Cloud API key) stops the run
     * before anything is created.
     */
    public ClusterClient.Cluster kafkaCluster(StepContext context) {
        return calls.find(context, () -> clusters.kafkaCluster(config.kafkaClusterId(), config.confluentEnvironmentId()))
                .orElseThrow(() -> new TerminalException(context, "Kafka cluster " + config.kafkaClusterId() + " not found in environment "
                        + config.confluentEnvironmentId() + "; check the ConfluentEnvironmentId and KafkaClusterId parameters"));
    }

    /** The configured REST endpoint, or (one {@code cmk/v2} call) the one the cluster reports for its public access point. */
    public String kafkaRest(StepContext context) {
        return config.kafkaRestEndpoint().orElseGet(() -> kafkaRest(context, kafkaCluster(context)));
    }

    /** The configured REST endpoint, or the one the cluster reports for its public access point. */
    public String kafkaRest(StepContext context, ClusterClient.Cluster cluster) {
        return config.kafkaRestEndpoint().orElseGet(() -> Optional.ofNullable(cluster.spec()).flatMap(ClusterClient.Spec::publicHttpEndpoint)
                .orElseThrow(() -> new TerminalException(context, "Kafka cluster " + cluster.id() + " reports no PUBLIC access point in spec.endpoints"
                        + accessPoints(cluster) + "; set the KafkaRestEndpoint parameter to the endpoint the functions can reach")));
    }

    /** Each environment has one Schema Registry cluster. */
    public SchemaRegistry schemaRegistry(StepContext context) {
        ClusterClient.Cluster cluster = calls.readAll(context,
                        token -> clusters.schemaRegistries(config.confluentEnvironmentId(), ConfluentCalls.PAGE_SIZE, token))
                .stream().findFirst()
                .orElseThrow(() -> new TerminalException(context, "environment " + config.confluentEnvironmentId()
                        + " has no Schema Registry; enable Stream Governance for it"));
        return new SchemaRegistry(cluster.id(), config.schemaRegistryEndpoint().orElseGet(() -> endpointOf(context, cluster, "Schema Registry")));
    }

    private static String endpointOf(StepContext context, ClusterClient.Cluster cluster, String what) {
        if (cluster.spec() == null || cluster.spec().httpEndpoint() == null || cluster.spec().httpEndpoint().isBlank()) {
            throw new TerminalException(context, what + " " + cluster.id() + " reports no http_endpoint; set the endpoint parameter instead");
        }
        return cluster.spec().httpEndpoint();
    }

    private static String accessPoints(ClusterClient.Cluster cluster) {
        var points = cluster.spec() == null || cluster.spec().endpoints() == null ? Map.<String, ClusterClient.AccessPoint>of() : cluster.spec().endpoints();
        return points.isEmpty() ? "" : " (its access points: " + points.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().connectionType()).sorted().toList() + ")";
    }
}
