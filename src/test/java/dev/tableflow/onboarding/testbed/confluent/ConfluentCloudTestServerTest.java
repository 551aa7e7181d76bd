package dev.tableflow.onboarding.testbed.confluent;

import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.assertManagementError;
import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.assumeContracts;
import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.basic;
import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.enc;
import static dev.tableflow.onboarding.testbed.confluent.CloudHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proves the test server behaves like Confluent Cloud's contracts, using nothing but java.net.http. */
class ConfluentCloudTestServerTest extends TestServerTest {
    private static final String CUSTOMER_ROLE = "arn:aws:iam::123456789012:role/tableflow-glue-access";

    private String env;
    /** Tests that provoke violations on purpose clear this. */
    private boolean expectConforming = true;

    @BeforeEach
    void seeded() {
        env = server.environmentId();
    }

    @AfterEach
    void conformsToContracts() {
        if (expectConforming) {
            server.assertNoContractViolations();
        }
    }

    // ---- provider integrations ------------------------------------------------------------------------------

    @Test
    void providerIntegrationLifecycle() throws Exception {
        HttpResponse<String> created = cloud("POST", "/pim/v1/integrations", pimBody("glue-access"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode integration = json(created);
        String id = integration.get("id").asText();
        assertThat(id).startsWith("dlz-");
        assertThat(integration.at("/config/kind").asText()).isEqualTo("AwsIntegrationConfig");
        assertThat(integration.at("/config/customer_iam_role_arn").asText()).isEqualTo(CUSTOMER_ROLE);
        assertThat(integration.at("/config/iam_role_arn").asText()).matches("arn:aws:iam::\\d{12}:role/.+")
                .startsWith("arn:aws:iam::" + server.confluentAwsAccountId() + ":role/");
        assertThat(integration.at("/config/external_id").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains(id));

        HttpResponse<String> fetched = cloud("GET", "/pim/v1/integrations/" + id + "?environment=" + env, null);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(json(fetched).at("/config/external_id")).isEqualTo(integration.at("/config/external_id"));

        HttpResponse<String> otherEnv = cloud("GET", "/pim/v1/integrations/" + id + "?environment=env-other", null);
        assertThat(otherEnv.statusCode()).isEqualTo(404);
        assertManagementError(otherEnv, 404);

        assertThat(cloud("POST", "/pim/v1/integrations", pimBody("glue-access")).statusCode()).isEqualTo(409);
        HttpResponse<String> sameRole = cloud("POST", "/pim/v1/integrations", pimBody("glue-access-2"));
        assertThat(sameRole.statusCode()).as("one integration per customer role in an environment").isEqualTo(409);
        assertThat(json(sameRole).at("/errors/0/detail").asText()).contains(CUSTOMER_ROLE, id);

        JsonNode list = json(cloud("GET", "/pim/v1/integrations?environment=" + env + "&provider=AWS", null));
        assertThat(list.get("kind").asText()).isEqualTo("IntegrationList");
        assertThat(list.get("data")).hasSize(1);

        assertThat(cloud("DELETE", "/pim/v1/integrations/" + id + "?environment=" + env, null).statusCode()).isEqualTo(204);
        assertThat(cloud("GET", "/pim/v1/integrations/" + id + "?environment=" + env, null).statusCode()).isEqualTo(404);
        assertThat(server.providerIntegrations().list()).isEmpty();
        assertThat(server.writes("/pim/v1")).isEqualTo(2); // the create and the delete; the 409s were not accepted
    }

    @Test
    void paginationWalksAllPagesWithPageToken() throws Exception {
        for (int i = 0; i < 7; i++) {
            assertThat(cloud("POST", "/pim/v1/integrations", pimBody("pi-" + i, CUSTOMER_ROLE + "-" + i)).statusCode()).isEqualTo(201);
        }
        List<String> seen = new ArrayList<>();
        String next = server.baseUrl() + "/pim/v1/integrations?environment=" + env;
        int pages = 0;
        while (next != null) {
            JsonNode page = json(send("GET", next, cloudAuth(), null));
            page.get("data").forEach(i -> seen.add(i.get("display_name").asText()));
            assertThat(page.at("/metadata/first").asText()).doesNotContain("page_token");
            next = page.at("/metadata/next").isMissingNode() ? null : page.at("/metadata/next").asText();
            if (next != null) {
                assertThat(next).startsWith(server.baseUrl()).contains("page_token=").contains("environment=" + env);
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3); // default page size 3
        assertThat(seen).containsExactly("pi-0", "pi-1", "pi-2", "pi-3", "pi-4", "pi-5", "pi-6");

        JsonNode big = json(cloud("GET", "/pim/v1/integrations?environment=" + env + "&page_size=100", null));
        assertThat(big.get("data")).hasSize(7);
        assertThat(big.at("/metadata/next").isMissingNode()).isTrue();
        assertThat(cloud("GET", "/pim/v1/integrations?environment=" + env + "&page_token=bogus", null).statusCode())
                .isEqualTo(400);
    }

    // ---- authentication ---------------------------------------------------------------------------------------

    @Test
    void badCredentialsAre401WithManagementBody() throws Exception {
        HttpResponse<String> none = send("GET", "/iam/v2/api-keys", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertManagementError(none, 401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();

        HttpResponse<String> wrong = send("GET", "/iam/v2/api-keys", basic(server.cloudApiKey(), "nope"), null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(server.writes()).isZero();
    }

    // ---- API keys -----------------------------------------------------------------------------------------------

    @Test
    void apiKeySecretOnlyInCreateResponse() throws Exception {
        HttpResponse<String> created = cloud("POST", "/iam/v2/api-keys", apiKeyBody("tableflow", "tableflow/v1", "Tableflow"));
        assertThat(created.statusCode()).isEqualTo(202);
        JsonNode key = json(created);
        String id = key.get("id").asText();
        assertThat(key.at("/spec/secret").asText()).isNotBlank().isEqualTo(server.apiKeys().secretOf(id));
        assertThat(key.at("/spec/resource/id").asText()).isEqualTo("tableflow");
        assertThat(key.at("/spec/owner/id").asText()).isEqualTo(server.serviceAccountId());

        JsonNode fetched = json(cloud("GET", "/iam/v2/api-keys/" + id, null));
        assertThat(fetched.at("/spec/secret").isMissingNode()).isTrue();
        JsonNode listed = json(cloud("GET", "/iam/v2/api-keys?spec.owner=" + server.serviceAccountId()
                + "&spec.resource=tableflow", null));
        assertThat(listed.get("data")).hasSize(1);
        assertThat(listed.at("/data/0/spec/secret").isMissingNode()).isTrue();
        assertThat(server.apiKeys().list()).allSatisfy(k -> assertThat(k.at("/spec/secret").isMissingNode()).isTrue());

        HttpResponse<String> patched = cloud("PATCH", "/iam/v2/api-keys/" + id, "{\"spec\":{\"display_name\":\"renamed\"}}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json(patched).at("/spec/display_name").asText()).isEqualTo("renamed");
        assertThat(json(patched).at("/spec/secret").isMissingNode()).isTrue();

        assertThat(cloud("DELETE", "/iam/v2/api-keys/" + id, null).statusCode()).isEqualTo(204);
        assertThat(cloud("GET", "/iam/v2/api-keys/" + id, null).statusCode()).isEqualTo(404);

        String kafka = "{\"spec\":{\"owner\":{\"id\":\"" + server.serviceAccountId() + "\"},\"resource\":{\"id\":\""
                + server.kafkaClusterId() + "\",\"environment\":\"" + env + "\"}}}";
        assertThat(cloud("POST", "/iam/v2/api-keys", kafka).statusCode()).isEqualTo(202);
        assertThat(cloud("POST", "/iam/v2/api-keys", apiKeyBody("lkc-unknown", "cmk/v2", "Cluster")).statusCode())
                .isEqualTo(422);
    }

    @Test
    void tableflowRejectsCloudKeyAndAcceptsPropagatedTableflowKey() throws Exception {
        assertThat(cloud("GET", "/tableflow/v1/regions", null).statusCode()).isEqualTo(401);

        JsonNode key = json(cloud("POST", "/iam/v2/api-keys", apiKeyBody("tableflow", "tableflow/v1", "Tableflow")));
        String auth = basic(key.get("id").asText(), key.at("/spec/secret").asText());
        HttpResponse<String> early = send("GET", "/tableflow/v1/regions", auth, null);
        assertThat(early.statusCode()).isEqualTo(401); // not propagated yet
        assertManagementError(early, 401);

        HttpResponse<String> regions = send("GET", "/tableflow/v1/regions", auth, null);
        assertThat(regions.statusCode()).isEqualTo(200);
        assertThat(json(regions).get("kind").asText()).isEqualTo("RegionList");
        assertThat(json(regions).get("data")).hasSize(3);
        assertThat(json(regions).at("/metadata/next").asText()).contains("page_token=");

        // A TableFlow key is no Cloud key either.
        assertThat(send("GET", "/iam/v2/api-keys", auth, null).statusCode()).isEqualTo(401);

        assertThat(cloud("DELETE", "/iam/v2/api-keys/" + key.get("id").asText(), null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/tableflow/v1/regions", auth, null).statusCode()).isEqualTo(401);
    }

    // ---- service accounts and role bindings -------------------------------------------------------------------

    @Test
    void serviceAccountCarriesOrganizationInResourceName() throws Exception {
        HttpResponse<String> sa = cloud("GET", "/iam/v2/service-accounts/" + server.serviceAccountId(), null);
        assertThat(sa.statusCode()).isEqualTo(200);
        assertThat(json(sa).at("/metadata/resource_name").asText()).isEqualTo("crn://confluent.cloud/organization="
                + server.organizationId() + "/service-account=" + server.serviceAccountId());

        HttpResponse<String> missing = cloud("GET", "/iam/v2/service-accounts/sa-nobody", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertManagementError(missing, 404);
    }

    @Test
    void roleBindingLifecycle() throws Exception {
        String crn = "crn://confluent.cloud/organization=" + server.organizationId() + "/environment=" + env
                + "/provider-integration=dlz-abc123";
        String body = "{\"principal\":\"User:" + server.serviceAccountId() + "\",\"role_name\":\"ResourceOwner\","
                + "\"crn_pattern\":\"" + crn + "\"}";
        HttpResponse<String> created = cloud("POST", "/iam/v2/role-bindings", body);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).get("id").asText();
        assertThat(cloud("POST", "/iam/v2/role-bindings", body).statusCode()).isEqualTo(409);

        String scope = "crn://confluent.cloud/organization=" + server.organizationId() + "/environment=" + env;
        JsonNode list = json(cloud("GET", "/iam/v2/role-bindings?crn_pattern=" + enc(scope) + "&principal="
                + enc("User:" + server.serviceAccountId()) + "&role_name=ResourceOwner", null));
        assertThat(list.get("data")).extracting(b -> b.get("id").asText()).containsExactly(id);
        assertThat(json(cloud("GET", "/iam/v2/role-bindings?crn_pattern=" + enc(scope) + "&role_name=Other", null))
                .get("data")).isEmpty();

        assertThat(cloud("GET", "/iam/v2/role-bindings/" + id, null).statusCode()).isEqualTo(200);
        HttpResponse<String> deleted = cloud("DELETE", "/iam/v2/role-bindings/" + id, null);
        assertThat(deleted.statusCode()).isEqualTo(200); // the contract answers DELETE with the binding, not 204
        assertThat(json(deleted).get("id").asText()).isEqualTo(id);
        assertThat(cloud("GET", "/iam/v2/role-bindings/" + id, null).statusCode()).isEqualTo(404);
    }

    // ---- catalog integrations -----------------------------------------------------------------------------------

    @Test
    void catalogIntegrationStaysPendingUntilATopicHasTableflowThenConnects() throws Exception {
        String auth = tableflowAuth();
        String pim = json(cloud("POST", "/pim/v1/integrations", pimBody("glue"))).get("id").asText();
        HttpResponse<String> created = send("POST", "/tableflow/v1/catalog-integrations", auth, catalogBody("glue", pim));
        assertThat(created.statusCode()).isEqualTo(202);
        String id = json(created).get("id").asText();
        assertThat(json(created).at("/status/phase").asText()).isEqualTo("PENDING");

        String get = "/tableflow/v1/catalog-integrations/" + id + "?environment=" + env
                + "&spec.kafka_cluster=" + server.kafkaClusterId();
        for (int i = 0; i < 5; i++) {
            assertThat(json(send("GET", get, auth, null)).at("/status/phase").asText()).as("no topic has TableFlow yet").isEqualTo("PENDING");
        }
        enableTableflowOnATopic(auth);
        assertThat(json(send("GET", get, auth, null)).at("/status/phase").asText()).isEqualTo("PENDING");
        assertThat(json(send("GET", get, auth, null)).at("/status/phase").asText()).isEqualTo("CONNECTED");

        assertThat(send("POST", "/tableflow/v1/catalog-integrations", auth, catalogBody("glue", pim)).statusCode())
                .isEqualTo(409);
        String patch = "{\"spec\":{\"display_name\":\"glue-renamed\",\"environment\":{\"id\":\"" + env
                + "\"},\"kafka_cluster\":{\"id\":\"" + server.kafkaClusterId() + "\"}}}";
        HttpResponse<String> patched = send("PATCH", "/tableflow/v1/catalog-integrations/" + id, auth, patch);
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json(patched).at("/spec/display_name").asText()).isEqualTo("glue-renamed");

        JsonNode list = json(send("GET", "/tableflow/v1/catalog-integrations?environment=" + env
                + "&spec.kafka_cluster=" + server.kafkaClusterId(), auth, null));
        assertThat(list.get("data")).hasSize(1);
        assertThat(send("DELETE", get, auth, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", get, auth, null).statusCode()).isEqualTo(404);
    }

    @Test
    void catalogIntegrationCanFail() throws Exception {
        String auth = tableflowAuth();
        String pim = json(cloud("POST", "/pim/v1/integrations", pimBody("glue"))).get("id").asText();
        server.catalogIntegrations().failNext("AccessDenied: role cannot be assumed");
        server.catalogIntegrations().getsUntilConnected(1);
        String id = json(send("POST", "/tableflow/v1/catalog-integrations", auth, catalogBody("glue", pim))).get("id").asText();
        enableTableflowOnATopic(auth);
        JsonNode fetched = json(send("GET", "/tableflow/v1/catalog-integrations/" + id + "?environment=" + env
                + "&spec.kafka_cluster=" + server.kafkaClusterId(), auth, null));
        assertThat(fetched.at("/status/phase").asText()).isEqualTo("FAILED");
        assertThat(fetched.at("/status/error_message").asText()).isEqualTo("AccessDenied: role cannot be assumed");

        assertThat(send("POST", "/tableflow/v1/catalog-integrations", auth, catalogBody("other", "dlz-missing"))
                .statusCode()).isEqualTo(422);
    }

    /** Confluent syncs catalogs only once a topic of the cluster has TableFlow: enable it on one (Confluent-managed storage). */
    private void enableTableflowOnATopic(String auth) throws Exception {
        server.kafka().createTopic(server.kafkaClusterId(), "orders", 1);
        HttpResponse<String> enabled = send("POST", "/tableflow/v1/tableflow-topics", auth, "{\"spec\":{\"display_name\":\"orders\","
                + "\"storage\":{\"kind\":\"Managed\"},\"environment\":{\"id\":\"" + env + "\"},\"kafka_cluster\":{\"id\":\""
                + server.kafkaClusterId() + "\"}}}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(202);
    }

    // ---- faults and headers -------------------------------------------------------------------------------------

    @Test
    void everyResponseCarriesRequestIdAndRateLimitHeaders() throws Exception {
        for (HttpResponse<String> r : List.of(cloud("GET", "/iam/v2/api-keys", null),
                send("GET", "/iam/v2/api-keys", null, null),
                cloud("GET", "/iam/v2/service-accounts/sa-nobody", null))) {
            assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
            assertThat(r.headers().firstValue("X-RateLimit-Limit")).isPresent();
            assertThat(r.headers().firstValue("X-RateLimit-Remaining")).isPresent();
            assertThat(r.headers().firstValue("X-RateLimit-Reset")).isPresent();
        }
    }

    @Test
    void rateLimitFaultAnswers429WithRetryAfter() throws Exception {
        server.faults().next(2, Fault.rateLimited(7));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> limited = cloud("GET", "/iam/v2/api-keys", null);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
            assertThat(limited.headers().firstValue("X-RateLimit-Reset")).hasValue("7");
            assertThat(limited.headers().firstValue("X-RateLimit-Limit")).isPresent();
            assertManagementError(limited, 429);
        }
        assertThat(cloud("GET", "/iam/v2/api-keys", null).statusCode()).isEqualTo(200);
        assertThat(server.requests().count(r -> r.status() == 429)).isEqualTo(2);
    }

    @Test
    void scopedServerErrorsAndConnectionReset() throws Exception {
        server.faults().next(1, Fault.status(503)).on("POST", "/pim/v1");
        assertThat(cloud("GET", "/pim/v1/integrations?environment=" + env, null).statusCode()).isEqualTo(200);
        HttpResponse<String> unavailable = cloud("POST", "/pim/v1/integrations", pimBody("x"));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertManagementError(unavailable, 503);
        assertThat(server.providerIntegrations().list()).isEmpty();

        server.faults().next(1, Fault.status(500));
        assertThat(cloud("GET", "/iam/v2/api-keys", null).statusCode()).isEqualTo(500);

        // POST, because java.net.http silently retries an idempotent GET whose pooled connection drops.
        server.faults().next(1, Fault.connectionReset());
        assertThatThrownBy(() -> cloud("POST", "/pim/v1/integrations", pimBody("y"))).isInstanceOf(IOException.class);
        assertThat(server.requests().all()).last().satisfies(r -> assertThat(r.status()).isZero());
        assertThat(cloud("POST", "/pim/v1/integrations", pimBody("y")).statusCode()).isEqualTo(201);
        assertThat(server.faults().pending()).isZero();
    }

    @Test
    void aHungRequestGetsNoAnswerWhileOthersAreAnswered() throws Exception {
        server.faults().next(1, Fault.hang(Duration.ofSeconds(3))).on("POST", "/pim");
        CompletableFuture<HttpResponse<String>> hung = CompletableFuture.supplyAsync(() -> {
            try {
                return cloud("POST", "/pim/v1/integrations", pimBody("z"));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        while (server.requests().all().isEmpty()) {
            Thread.sleep(10);
        }

        assertThat(cloud("GET", "/iam/v2/api-keys", null).statusCode()).as("answered while the other hangs").isEqualTo(200);
        assertThat(hung).isNotDone();
        assertThatThrownBy(hung::join).hasRootCauseInstanceOf(IOException.class);
        assertThat(server.requests().all()).filteredOn(r -> r.method().equals("POST")).singleElement()
                .satisfies(r -> assertThat(r.status()).isZero());
    }

    @Test
    void probabilisticFaultsAreReproducible() throws Exception {
        List<Integer> first = statusesUnderRandomFaults();
        server.reset();
        assertThat(statusesUnderRandomFaults()).isEqualTo(first).contains(200, 503);
    }

    private List<Integer> statusesUnderRandomFaults() throws Exception {
        server.faults().rate(0.5, 42L, Fault.status(503), Fault.rateLimited(1));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(cloud("GET", "/iam/v2/service-accounts/" + server.serviceAccountId(), null).statusCode());
        }
        return statuses;
    }

    // ---- contract validation ------------------------------------------------------------------------------------

    @Test
    void missingRequiredQueryParameterIsAContractViolation() throws Exception {
        assumeContracts(server, ApiFamily.PROVIDER_INTEGRATIONS);
        expectConforming = false;
        HttpResponse<String> response = cloud("GET", "/pim/v1/integrations", null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/errors/0/detail").asText()).contains("environment");
        assertThat(server.contractViolations()).singleElement()
                .satisfies(v -> assertThat(v.messages().toString()).contains("environment"));
        assertThatThrownBy(server::assertNoContractViolations).isInstanceOf(AssertionError.class)
                .hasMessageContaining("provider-integration-v1.yaml");
    }

    @Test
    void bodyMissingRequiredFieldIsAContractViolation() throws Exception {
        assumeContracts(server, ApiFamily.PROVIDER_INTEGRATIONS);
        expectConforming = false;
        HttpResponse<String> response = cloud("POST", "/pim/v1/integrations",
                "{\"display_name\":\"x\",\"environment\":{\"id\":\"" + env + "\"}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.contractViolations()).singleElement()
                .satisfies(v -> assertThat(v.messages().toString()).contains("config"));
        assertThat(server.providerIntegrations().list()).isEmpty();
    }

    @Test
    void serverOwnAnswersAreCheckedToo() {
        assumeContracts(server, ApiFamily.API_KEYS, ApiFamily.SCHEMA_REGISTRY);
        ContractValidator validator = new ContractValidator(Path.of(System.getProperty(
                ConfluentCloudTestServer.SPEC_DIR_PROPERTY, ConfluentCloudTestServer.DEFAULT_SPEC_DIR.toString())));
        HttpCall call = new HttpCall("r-1", "GET", "/iam/v2/api-keys/ABC", null, Map.of(), "");
        Reply broken = Reply.ok(Json.object().put("api_version", "iam/v1").put("kind", "ApiKey"));
        assertThat(validator.checkResponse(ApiFamily.API_KEYS, call, broken)).isNotNull()
                .satisfies(v -> assertThat(v.messages().toString()).contains("@/api_version"));
        HttpCall sr = new HttpCall("r-2", "GET", "/sr/subjects/orders-value/versions/latest", null, Map.of(), "");
        Reply wrongType = Reply.ok(Json.object().put("subject", 5)).contentType("application/vnd.schemaregistry.v1+json");
        assertThat(validator.checkResponse(ApiFamily.SCHEMA_REGISTRY, sr, wrongType)).isNotNull();
    }

    @Test
    void worksWithoutSpecsAndStillEnforcesRequiredParameters() throws Exception {
        try (ConfluentCloudTestServer bare = ConfluentCloudTestServer.builder()
                .specDir(Path.of("does-not-exist")).start()) {
            assertThat(bare.specsAvailable()).isFalse();
            String auth = basic(bare.cloudApiKey(), bare.cloudApiSecret());
            HttpResponse<String> r = send("GET", bare.baseUrl() + "/pim/v1/integrations", auth, null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(bare.contractViolations()).isEmpty();
        }
    }

    @Test
    void resetForgetsStateButKeepsSeeds() throws Exception {
        cloud("POST", "/pim/v1/integrations", pimBody("a"));
        server.faults().next(5, Fault.status(500));
        server.reset();
        assertThat(server.providerIntegrations().list()).isEmpty();
        assertThat(server.requests().all()).isEmpty();
        assertThat(server.faults().pending()).isZero();
        assertThat(cloud("GET", "/iam/v2/service-accounts/" + server.serviceAccountId(), null).statusCode()).isEqualTo(200);
        assertThat(server.reads()).isEqualTo(1);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private String pimBody(String name) {
        return pimBody(name, CUSTOMER_ROLE);
    }

    private String pimBody(String name, String customerRole) {
        return "{\"display_name\":\"" + name + "\",\"provider\":\"AWS\",\"config\":{\"kind\":\"AwsIntegrationConfig\","
                + "\"customer_iam_role_arn\":\"" + customerRole + "\"},\"environment\":{\"id\":\"" + env + "\"}}";
    }

    private String apiKeyBody(String resourceId, String apiVersion, String kind) {
        return "{\"spec\":{\"display_name\":\"key\",\"description\":\"test\",\"owner\":{\"id\":\"" + server.serviceAccountId()
                + "\"},\"resource\":{\"id\":\"" + resourceId + "\",\"api_version\":\"" + apiVersion
                + "\",\"kind\":\"" + kind + "\"}}}";
    }

    private String catalogBody(String name, String providerIntegrationId) {
        return "{\"spec\":{\"display_name\":\"" + name + "\",\"config\":{\"kind\":\"AwsGlue\",\"provider_integration_id\":\""
                + providerIntegrationId + "\"},\"environment\":{\"id\":\"" + env + "\"},\"kafka_cluster\":{\"id\":\""
                + server.kafkaClusterId() + "\"}}}";
    }

    private static String tableflowAuth() {
        return basic(server.createTableflowApiKey());
    }

    private static HttpResponse<String> cloud(String method, String path, String body) throws Exception {
        return http.cloud(method, path, body);
    }

    private static HttpResponse<String> send(String method, String target, String authorization, String body) throws Exception {
        return http.send(method, target, authorization, body);
    }

    private static String cloudAuth() {
        return basic(server.cloudApiKey(), server.cloudApiSecret());
    }
}
