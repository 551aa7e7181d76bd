package dev.tableflow.onboarding.testbed.confluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Collectors;

/** Plain java.net.http calls against a {@link ConfluentCloudTestServer}, shared by its tests. */
public final class CloudHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final ConfluentCloudTestServer server;

    public CloudHttp(ConfluentCloudTestServer server) {
        this.server = server;
    }

    /** {@code target} is a path on the server or a full URL (e.g. a {@code metadata.next} link). */
    public HttpResponse<String> send(String method, String target, String authorization, String body) throws Exception {
        URI uri = URI.create(target.startsWith("http") ? target : server.baseUrl() + target);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Authenticated with the seeded Cloud API key. */
    public HttpResponse<String> cloud(String method, String target, String body) throws Exception {
        return send(method, target, basic(server.cloudApiKey(), server.cloudApiSecret()), body);
    }

    static String basic(String key, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public static String basic(ApiKeysApi.Credentials credentials) {
        return basic(credentials.key(), credentials.secret());
    }

    /** Skips the calling test unless every one of {@code families} has its contract checked, naming what is missing. */
    static void assumeContracts(ConfluentCloudTestServer server, ApiFamily... families) {
        String problems = Arrays.stream(families).map(server::contractValidationProblem).flatMap(Optional::stream)
                .collect(Collectors.joining("; "));
        assumeTrue(problems.isEmpty(), () -> "contract validation needs ../shared/confluent-openapi: " + problems);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Management APIs' {@code {"errors":[{"id","status","detail",...}]}}. */
    static void assertManagementError(HttpResponse<String> response, int status) throws IOException {
        JsonNode error = json(response).at("/errors/0");
        assertThat(error.get("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(error.get("id").asText()).isNotBlank();
        assertThat(error.get("detail").asText()).isNotBlank();
    }

    /** Kafka REST / Schema Registry's {@code {"error_code": <int>, "message": "..."}}. */
    static void assertCodedError(HttpResponse<String> response, int status, int errorCode) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(json(response).get("message").asText()).isNotBlank();
    }
}
