package dev.tableflow.onboarding.testbed.confluent;

import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.basic;
import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may enable TableFlow (Confluent's TableFlow RBAC page), and the LOG mode's dead-letter topic TableFlow creates
 * (ErrorHandlingLog.target).
 */
class TableflowRbacTest extends TestServerTest {

    private String env;
    private String cluster;
    private String principal;
    private String environmentCrn;
    private String tableflow;
    private String integration;

    @BeforeEach
    void seeded() throws Exception {
        env = server.environmentId();
        cluster = server.kafkaClusterId();
        principal = "User:" + server.serviceAccountId();
        environmentCrn = "crn://confluent.cloud/organization=" + server.organizationId() + "/environment=" + env;
        tableflow = basic(server.createTableflowApiKey());
        integration = json(http.cloud("POST", "/pim/v1/integrations", "{\"display_name\":\"glue\",\"config\":{\"kind\":"
                + "\"AwsIntegrationConfig\",\"customer_iam_role_arn\":\"arn:aws:iam::123456789012:role/tf\"},"
                + "\"environment\":{\"id\":\"" + env + "\"}}")).get("id").asText();
        server.kafka().createTopic(cluster, "orders", 1);
    }

    @AfterEach
    void conformsToContracts() {
        server.assertNoContractViolations();
    }

    @Test
    void theSeededServiceAccountIsAnEnvironmentAdminAsTheReadmeSetsItUp() throws Exception {
        JsonNode listed = json(http.cloud("GET", "/iam/v2/role-bindings?crn_pattern=" + environmentCrn + "&principal=" + principal
                + "&role_name=EnvironmentAdmin", null));
        assertThat(listed.path("data")).singleElement().satisfies(b -> assertThat(b.path("crn_pattern").asText()).isEqualTo(environmentCrn));
        assertThat(server.roleBindings().list()).as("the operator's grant is not the application's").isEmpty();

        assertThat(enable("orders").statusCode()).isEqualTo(202);
    }

    @Test
    void withoutCloudClusterAdminEnablingIsRefusedWith403NamingTheRole() throws Exception {
        server.roleBindings().revokeOperatorGrant();

        HttpResponse<String> refused = enable("orders");

        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode error = json(refused).at("/errors/0");
        assertThat(error.path("code").asText()).isEqualTo("user_unauthorized");
        assertThat(error.path("detail").asText()).isEqualTo("The user '" + server.serviceAccountId() + "' is not allowed to access the '"
                + environmentCrn + "/cloud-cluster=" + cluster + "' resource without the 'CloudClusterAdmin' role.");
        assertThat(server.tableflowTopics().list()).isEmpty();
    }

    @Test
    void customStorageAlsoTakesAssignerOrResourceOwnerOnTheProviderIntegration() throws Exception {
        server.roleBindings().revokeOperatorGrant();
        server.roleBindings().grant(principal, "CloudClusterAdmin", environmentCrn + "/cloud-cluster=" + cluster);

        HttpResponse<String> refused = enable("orders");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).at("/errors/0/detail").asText()).contains("provider-integration=" + integration, "'Assigner' role");

        server.roleBindings().grant(principal, "ResourceOwner", environmentCrn + "/provider-integration=" + integration);
        assertThat(enable("orders").statusCode()).isEqualTo(202);
    }

    @Test
    void logModeCreatesItsDeadLetterTopicAndDefaultsItToErrorLog() throws Exception {
        assertThat(enable("orders", "{\"mode\":\"LOG\"}").statusCode()).isEqualTo(202);

        assertThat(server.tableflowTopics().get("orders").at("/spec/config/error_handling/target").asText()).isEqualTo("error_log");
        assertThat(server.kafka().topics(cluster)).extracting(t -> t.path("topic_name").asText()).contains("error_log");

        String patch = "{\"spec\":{\"config\":{\"error_handling\":{\"mode\":\"LOG\",\"target\":\"orders_dlq\"}},"
                + "\"environment\":{\"id\":\"" + env + "\"},\"kafka_cluster\":{\"id\":\"" + cluster + "\"}}}";
        assertThat(http.send("PATCH", "/tableflow/v1/tableflow-topics/orders", tableflow, patch).statusCode()).isEqualTo(200);
        assertThat(server.kafka().topics(cluster)).extracting(t -> t.path("topic_name").asText()).contains("orders_dlq");
    }

    private HttpResponse<String> enable(String topic) throws Exception {
        return enable(topic, "{\"mode\":\"SUSPEND\"}");
    }

    private HttpResponse<String> enable(String topic, String errorHandling) throws Exception {
        return http.send("POST", "/tableflow/v1/tableflow-topics", tableflow, "{\"spec\":{\"display_name\":\"" + topic + "\","
                + "\"config\":{\"error_handling\":" + errorHandling + "},\"storage\":{\"kind\":\"ByobAws\",\"bucket_name\":\"tf-bucket\","
                + "\"provider_integration_id\":\"" + integration + "\"},\"environment\":{\"id\":\"" + env + "\"},"
                + "\"kafka_cluster\":{\"id\":\"" + cluster + "\"}}}");
    }
}
