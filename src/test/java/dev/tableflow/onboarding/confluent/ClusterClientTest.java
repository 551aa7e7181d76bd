package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a Kafka cluster's REST endpoint is read from cmk/v2: its {@code endpoints} map, not the deprecated {@code http_endpoint}. */
class ClusterClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ClusterClient.Cluster cluster(String json) throws Exception {
        return JSON.readValue(json, ClusterClient.Cluster.class);
    }

    @Test
    void theRestEndpointIsThePublicAccessPointsNotTheDeprecatedField() throws Exception {
        ClusterClient.Cluster cluster = cluster("""
                {"id": "lkc-abc123", "spec": {"http_endpoint": "https://deprecated.example",
                  "endpoints": {"ap1pni123": {"kafka_bootstrap_endpoint": "lkc-s1232-00000.us-central1.gcp.private.confluent.cloud:9092",
                                              "http_endpoint": "https://lkc-s1232.us-central1.gcp.private.confluent.cloud:443",
                                              "connection_type": "PRIVATE_NETWORK_INTERFACE"},
                                "PUBLIC": {"kafka_bootstrap_endpoint": "pkc-abc.us-east-1.aws.confluent.cloud:9092",
                                           "http_endpoint": "https://pkc-abc.us-east-1.aws.confluent.cloud:443", "connection_type": "PUBLIC"}}}}
                """);

        assertThat(cluster.spec().publicHttpEndpoint()).contains("https://pkc-abc.us-east-1.aws.confluent.cloud:443");
    }

    @Test
    void aClusterWithPrivateAccessPointsOnlyOrOnlyTheDeprecatedFieldHasNoPublicEndpoint() throws Exception {
        // cmk-v2.yaml's own example of spec.endpoints: two private access points.
        ClusterClient.Cluster privateOnly = cluster("""
                {"id": "lkc-s1232", "spec": {"endpoints": {
                  "ap1pni123": {"kafka_bootstrap_endpoint": "lkc-s1232-00000.us-central1.gcp.private.confluent.cloud:9092",
                                "http_endpoint": "https://lkc-s1232.us-central1.gcp.private.confluent.cloud:443",
                                "connection_type": "PRIVATE_NETWORK_INTERFACE"},
                  "ap2platt67890": {"kafka_bootstrap_endpoint": "lkc-00000-00000.us-central1.gcp.glb.confluent.cloud:9092",
                                    "http_endpoint": "https://lkc-00000-00000.us-central1.gcp.glb.confluent.cloud",
                                    "connection_type": "PRIVATE_LINK"}}}}
                """);
        ClusterClient.Cluster deprecatedOnly = cluster("""
                {"id": "lkc-abc123", "spec": {"http_endpoint": "https://pkc-abc.us-east-1.aws.confluent.cloud:443"}}
                """);

        assertThat(privateOnly.spec().publicHttpEndpoint()).isEmpty();
        assertThat(deprecatedOnly.spec().publicHttpEndpoint()).isEmpty();
    }
}
