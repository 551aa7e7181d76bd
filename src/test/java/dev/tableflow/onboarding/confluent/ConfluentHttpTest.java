package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.http.HttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests as Confluent's contracts want them, answers read into the records, and both error body shapes. */
class ConfluentHttpTest {

    /** As Quarkus' ObjectMapperProducer configures it by default. */
    final ConfluentHttp http = new ConfluentHttp(new HttpTransport(new Deadline()),
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    HttpServer server;
    URI base;
    /** What the server saw of the last request: method, raw path and query, headers, body. */
    String method, rawPath, rawQuery, body;
    Map<String, List<String>> headers;
    /** How many requests it has seen; the Authorization value it refuses with a 401, as Confluent a revoked key. */
    int requests;
    String refused;
    /** What it answers next. */
    int status = 200;
    String answer = "";
    Map<String, String> answerHeaders = Map.of();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            method = exchange.getRequestMethod();
            rawPath = exchange.getRequestURI().getRawPath();
            rawQuery = exchange.getRequestURI().getRawQuery();
            headers = exchange.getRequestHeaders();
            body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests++;
            answerHeaders.forEach(exchange.getResponseHeaders()::add);
            boolean refuse = refused != null && refused.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = (refuse ? "{\"errors\":[{\"status\":\"401\",\"detail\":\"Invalid API key\"}]}" : answer)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refuse ? 401 : status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        // A base with a path and a trailing slash, as an endpoint behind a proxy might be configured.
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/proxy/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void pathSegmentsAreEncodedAndUnsetQueryParametersLeftOut() {
        answer = "{\"topic_name\":\"a b/c\",\"partitions_count\":3,\"replication_factor\":3}";

        KafkaRestClient.Topic topic = new EndpointClients(http).kafkaRest(base.toString()).get("Basic a2V5OnNlY3JldA==", "lkc-1", "a b/c");

        assertThat(topic).isEqualTo(new KafkaRestClient.Topic("a b/c", 3));
        assertThat(method).isEqualTo("GET");
        assertThat(rawPath).isEqualTo("/proxy/kafka/v3/clusters/lkc-1/topics/a%20b%2Fc");
        assertThat(rawQuery).isNull();
        assertThat(headers.get("Authorization")).containsExactly("Basic a2V5OnNlY3JldA==");
        assertThat(headers.get("Accept")).containsExactly("application/json");

        answer = "{\"data\":[{\"id\":\"rb-1\",\"principal\":\"User:sa-1\"}],\"metadata\":{\"next\":null}}";
        Page<?> page = http.get(base, "/iam/v2/role-bindings").query("principal", "User:sa-1").query("role_name", null)
                .query("page_size", 100).query("page_token", null).page(Object.class);

        assertThat(page.items()).hasSize(1);
        assertThat(rawQuery).isEqualTo("principal=User%3Asa-1&page_size=100");
        assertThat(headers).doesNotContainKey("Authorization");
    }

    @Test
    void bodiesAreJsonAsTheRecordsDeclareAndEmptyAnswersAreNull() {
        status = 204;

        new EndpointClients(http).kafkaRest(base.toString()).alterConfigs("Basic x", "lkc-1", "orders",
                new KafkaRestClient.AlterConfigs(List.of(new KafkaRestClient.Config("retention.ms", "1000", null)), null));

        assertThat(method).isEqualTo("POST");
        assertThat(rawPath).isEqualTo("/proxy/kafka/v3/clusters/lkc-1/topics/orders/configs:alter");
        assertThat(headers.get("Content-type")).containsExactly("application/json");
        assertThat(body).isEqualTo("{\"data\":[{\"name\":\"retention.ms\",\"value\":\"1000\"}]}");
        assertThat(http.delete(base, "/subjects/{}", "orders-value").read(List.class)).isNull();

        http.patch(base, "/tableflow/v1/tableflow-topics/{}", "orders").body(Map.of("spec", Map.of())).send();
        assertThat(method).isEqualTo("PATCH");
        assertThat(body).isEqualTo("{\"spec\":{}}");
    }

    @Test
    void errorAnswersBecomeConfluentApiExceptionsWithoutTheSecret() {
        status = 429;
        answer = "<html><head><title>Error 429 Too Many Requests</title></head></html>";
        answerHeaders = Map.of("Retry-After", "3");

        assertThatThrownBy(() -> http.get(base, "/subjects").authorization("Basic c2VjcmV0").list(String.class))
                .isInstanceOfSatisfying(ConfluentApiException.class, e -> {
                    assertThat(e.describe()).isEqualTo("429: Too Many Requests");
                    assertThat(e.retryAfterSeconds()).hasValue(3);
                })
                .message().doesNotContain("c2VjcmV0");
    }

    @Test
    void aCloudKeyRotatedSinceItWasReadIsReadAgainOnceRefused() {
        AtomicReference<String> stored = new AtomicReference<>("Basic b2xk");
        AtomicInteger reads = new AtomicInteger();
        CloudApiKey key = new CloudApiKey(() -> {
            reads.incrementAndGet();
            return stored.get();
        });
        answer = "{\"id\":\"sa-1\"}";
        http.get(base, "/iam/v2/service-accounts/sa-1").authorization(key).send();

        stored.set("Basic bmV3"); // the operator rotates the key and deletes the old one
        refused = "Basic b2xk";
        requests = 0;
        http.get(base, "/iam/v2/service-accounts/sa-1").authorization(key).send();
        http.get(base, "/iam/v2/service-accounts/sa-1").authorization(key).send();

        assertThat(requests).as("the refused request once more, then the next with the new key at once").isEqualTo(3);
        assertThat(headers.get("Authorization")).containsExactly("Basic bmV3");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRefusedCloudKeyThatIsStillTheStoredOneIsNotTriedAgain() {
        CloudApiKey key = new CloudApiKey(() -> "Basic cmV2b2tlZA==");
        refused = "Basic cmV2b2tlZA==";

        assertThatThrownBy(() -> http.get(base, "/iam/v2/api-keys").authorization(key).send())
                .isInstanceOfSatisfying(ConfluentApiException.class, e -> assertThat(e.describe()).isEqualTo("401: Invalid API key"));
        assertThat(requests).isEqualTo(1);
    }

    @Test
    void readsTheManagementApisErrorsArray() {
        ConfluentApiException e = http.error(409, headers(Map.of()),
                "{\"errors\":[{\"status\":\"409\",\"code\":\"conflict\",\"title\":\"Conflict\",\"detail\":\"already exists\"}]}");

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("conflict");
        assertThat(e.getMessage()).isEqualTo("already exists");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void readsKafkaRestAndSchemaRegistryErrorCodes() {
        ConfluentApiException e = http.error(400, headers(Map.of()), "{\"error_code\":40002,\"message\":\"Topic 'topic2' already exists.\"}");

        assertThat(e.code()).isEqualTo("40002");
        assertThat(e.describe()).isEqualTo("400 (40002): Topic 'topic2' already exists.");
    }

    @Test
    void rateLimitWaitComesFromRetryAfterOrTheWindowReset() {
        assertThat(http.error(429, headers(Map.of("Retry-After", "7", "X-RateLimit-Reset", "30")), "").retryAfterSeconds()).hasValue(7);
        assertThat(http.error(429, headers(Map.of("X-RateLimit-Reset", "30")), "").retryAfterSeconds()).hasValue(30);
        assertThat(http.error(503, headers(Map.of("Retry-After", "5")), "").retryAfterSeconds()).hasValue(5);
    }

    @Test
    void windowResetOnAServerErrorIsNotAReasonToWait() {
        // Every Confluent response carries the rate-limit headers; on a 500 the reset says nothing about retrying.
        ConfluentApiException e = http.error(500, headers(Map.of("X-RateLimit-Reset", "14")), "<html>Internal Server Error</html>");

        assertThat(e.retryAfterSeconds()).isEmpty();
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Internal Server Error");
    }

    private static Function<String, Optional<String>> headers(Map<String, String> headers) {
        return name -> Optional.ofNullable(headers.get(name));
    }
}
