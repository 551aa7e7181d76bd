package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.http.HttpTransport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The execution role's credentials, from the two places Lambda puts them. An ordinary function gets them in the
 * environment; a SnapStart function (ours) gets a container credentials endpoint instead, because a snapshot must
 * not hold credentials. Both are read at the first call, never at start-up, so that nothing before a snapshot
 * resolves them; the endpoint's answer is kept until shortly before it expires. The SDK's default chain tries six
 * other sources first (profiles, SSO, web identity, instance metadata...) that a Lambda function never has.
 */
@ApplicationScoped
public class AwsCredentials {

    /** Renew this long before the endpoint's credentials expire, so that no signed request outlives them. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    /** ECS and Lambda serve container credentials here when only a relative URI is given. */
    static final String CONTAINER_HOST = "http://169.254.170.2";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Access key, secret key and, for temporary credentials, the session token; toString never shows the secret. */
    public record Keys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, Optional<Instant> expiration) {
        @Override
        public String toString() {
            return "Keys[" + accessKeyId + "]";
        }
    }

    private final UnaryOperator<String> environment;
    private final HttpTransport http;
    private volatile Keys fromEndpoint;

    @Inject
    public AwsCredentials(HttpTransport http) {
        this(System::getenv, http);
    }

    AwsCredentials(UnaryOperator<String> environment, HttpTransport http) {
        this.environment = environment;
        this.http = http;
    }

    public Keys resolve() {
        String accessKey = environment.apply("AWS_ACCESS_KEY_ID");
        String secretKey = environment.apply("AWS_SECRET_ACCESS_KEY");
        if (present(accessKey) && present(secretKey)) {
            return new Keys(accessKey, secretKey, Optional.ofNullable(environment.apply("AWS_SESSION_TOKEN")).filter(AwsCredentials::present),
                    Optional.empty());
        }
        Keys cached = fromEndpoint;
        if (cached == null || cached.expiration().map(at -> Instant.now().isAfter(at.minus(RENEW_BEFORE))).orElse(false)) {
            cached = fetch();
            fromEndpoint = cached;
        }
        return cached;
    }

    private Keys fetch() {
        URI endpoint = containerEndpoint();
        HttpTransport.Response response = http.send("GET", endpoint,
                authorizationToken().map(token -> Map.of("Authorization", token)).orElse(Map.of()), null);
        if (!response.successful()) {
            throw new AwsApiException(response.status(), "CredentialsEndpointError",
                    "the container credentials endpoint answered HTTP " + response.status());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            return new Keys(body.path("AccessKeyId").asText(), body.path("SecretAccessKey").asText(),
                    Optional.ofNullable(body.path("Token").textValue()), Optional.ofNullable(body.path("Expiration").textValue()).map(Instant::parse));
        } catch (IOException | RuntimeException e) {
            // The body holds a secret key: say only that it could not be read.
            throw new AwsApiException(response.status(), "CredentialsEndpointError", "the container credentials endpoint's answer is not credentials");
        }
    }

    private URI containerEndpoint() {
        String full = environment.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (present(full)) {
            return URI.create(full);
        }
        String relative = environment.apply("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        if (present(relative)) {
            return URI.create(CONTAINER_HOST + relative);
        }
        throw new AwsApiException(0, "NoCredentials", "no AWS credentials: neither AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY nor a "
                + "container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) is set");
    }

    private Optional<String> authorizationToken() {
        String file = environment.apply("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        if (present(file)) {
            try {
                return Optional.of(Files.readString(Path.of(file)).strip());
            } catch (IOException e) {
                throw new AwsApiException(0, "NoCredentials", "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file);
            }
        }
        return Optional.ofNullable(environment.apply("AWS_CONTAINER_AUTHORIZATION_TOKEN")).filter(AwsCredentials::present);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
