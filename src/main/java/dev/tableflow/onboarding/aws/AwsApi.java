package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.http.Backoff;
import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.http.HttpTransport;
import dev.tableflow.onboarding.http.NoAnswerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The AWS APIs this application calls, spoken directly: a signed POST to the service's endpoint in the protocol the
 * service uses (JSON for Secrets Manager, Glue, EventBridge, Step Functions and DynamoDB; Query with an XML answer for IAM),
 * repeated like the SDK's standard retry mode (three attempts, throttling and server errors, connection failures).
 * What still fails arrives as {@link AwsApiException} or {@link NoAnswerException}; {@link AwsCalls} decides what it
 * means for the workflow.
 * <p>
 * Endpoints and signing regions follow the SDK's rules: see {@link AwsEndpoints}.
 */
@ApplicationScoped
public class AwsApi {

    /**
     * @param endpointPrefix the host's first label, also the signing name
     * @param environmentKey the suffix of the service's {@code AWS_ENDPOINT_URL_} variable
     * @param target         the JSON protocols' {@code X-Amz-Target} prefix, or the Query protocol's API version
     */
    public record Service(String endpointPrefix, String environmentKey, String contentType, String target) {
        static Service json(String endpointPrefix, String environmentKey, String jsonVersion, String targetPrefix) {
            return new Service(endpointPrefix, environmentKey, "application/x-amz-json-" + jsonVersion, targetPrefix);
        }

        boolean query() {
            return contentType.startsWith("application/x-www-form-urlencoded");
        }
    }

    public static final Service SECRETS_MANAGER = Service.json("secretsmanager", "SECRETS_MANAGER", "1.1", "secretsmanager");
    public static final Service GLUE = Service.json("glue", "GLUE", "1.1", "AWSGlue");
    public static final Service EVENTBRIDGE = Service.json("events", "EVENTBRIDGE", "1.1", "AWSEvents");
    public static final Service STEP_FUNCTIONS = Service.json("states", "SFN", "1.0", "AWSStepFunctions");
    public static final Service DYNAMODB = Service.json("dynamodb", "DYNAMODB", "1.0", "DynamoDB_20120810");
    /** A global service: one endpoint per partition, signed for the region AWS names (see {@link AwsEndpoints}). */
    public static final Service IAM = new Service("iam", "IAM", "application/x-www-form-urlencoded; charset=utf-8", "2010-05-08");

    static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnaryOperator<String> environment;
    private final AwsCredentials credentials;
    private final HttpTransport http;
    private final Deadline deadline;
    private final Backoff backoff;

    @Inject
    public AwsApi(AwsCredentials credentials, HttpTransport http, Deadline deadline, Backoff backoff) {
        this(System::getenv, credentials, http, deadline, backoff);
    }

    AwsApi(UnaryOperator<String> environment, AwsCredentials credentials, HttpTransport http, Deadline deadline, Backoff backoff) {
        this.environment = environment;
        this.credentials = credentials;
        this.http = http;
        this.deadline = deadline;
        this.backoff = backoff;
    }

    /** A JSON protocol operation; the answer's body, {@code {}} for operations that return nothing. */
    public JsonNode json(Service service, String action, ObjectNode request) {
        return json(service, AwsEndpoints.resolve(service, environment), credentials::resolve, action, request);
    }

    private JsonNode json(Service service, AwsEndpoints.Endpoint endpoint, Supplier<AwsCredentials.Keys> keys, String action, ObjectNode request) {
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        String answer = send(service, endpoint, keys, Map.of("Content-Type", service.contentType(), "X-Amz-Target", service.target() + "." + action), body);
        try {
            return answer.isBlank() ? JSON.createObjectNode() : JSON.readTree(answer);
        } catch (Exception e) {
            throw new AwsApiException(200, "MalformedResponse", action + " answered with a body that is not JSON");
        }
    }

    /**
     * A Query protocol operation (form parameters); the answer's root element, {@code <ActionResponse>}, whose
     * {@code <ActionResult>} holds the result of the operations that have one.
     */
    public Element query(Service service, String action, Map<String, String> parameters) {
        return query(service, AwsEndpoints.resolve(service, environment), credentials::resolve, action, parameters);
    }

    private Element query(Service service, AwsEndpoints.Endpoint endpoint, Supplier<AwsCredentials.Keys> keys, String action,
                          Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", service.target());
        form.putAll(parameters);
        String body = form.entrySet().stream().map(e -> HttpTransport.percentEncode(e.getKey()) + "=" + HttpTransport.percentEncode(e.getValue())).collect(Collectors.joining("&"));
        String answer = send(service, endpoint, keys, Map.of("Content-Type", service.contentType()), body.getBytes(StandardCharsets.UTF_8));
        return xml(answer).getDocumentElement();
    }

    /** A JSON object to fill in as a request. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The text of a Query answer's child element, if it has one. */
    public static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(Node::getTextContent);
    }

    public static Optional<Element> child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName() != null ? element.getLocalName() : element.getTagName())) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /**
     * For SnapStart priming: a JSON and a Query call through the same path as every call, signed with made-up keys and
     * sent to {@code loopback} (a throwaway server on 127.0.0.1 that answers JSON, and XML under {@code xmlPath}), so
     * a restored snapshot has the signer, the HTTP client's sockets and parsing and both answer parsers loaded and
     * linked; and the transport's TLS warm-up for an AWS host ({@link HttpTransport#warmUp}: the default TLS context
     * and a ClientHello, neither sent). No credential is resolved and nothing leaves the machine.
     */
    public void warmUp(URI loopback, String xmlPath) {
        http.warmUp(URI.create("https://" + SECRETS_MANAGER.endpointPrefix() + ".us-east-1.amazonaws.com/"));
        Supplier<AwsCredentials.Keys> madeUp = () -> new AwsCredentials.Keys("AKIDPRIMING", "priming", Optional.of("priming"), Optional.empty());
        for (Service service : List.of(SECRETS_MANAGER, GLUE, EVENTBRIDGE, STEP_FUNCTIONS, DYNAMODB, IAM)) {
            AwsEndpoints.resolve(service, environment); // its rules' first run, as every call's
        }
        json(SECRETS_MANAGER, new AwsEndpoints.Endpoint(loopback, "us-east-1"), madeUp, "GetSecretValue", object().put("SecretId", "priming"));
        query(IAM, new AwsEndpoints.Endpoint(loopback.resolve(xmlPath), "us-east-1"), madeUp, "GetRole", Map.of("RoleName", "priming"));
    }

    /** A token for the idempotency parameters that the SDK fills in when the caller leaves them out. */
    public static String idempotencyToken() {
        return UUID.randomUUID().toString();
    }

    private String send(Service service, AwsEndpoints.Endpoint endpoint, Supplier<AwsCredentials.Keys> keys, Map<String, String> headers, byte[] body) {
        for (int attempt = 1; ; attempt++) {
            Duration wait = backoff.of(attempt);
            try {
                Map<String, String> signed = SigV4.sign(endpoint.uri(), headers, body, keys.get(),
                        endpoint.signingRegion(), service.endpointPrefix(), Instant.now());
                HttpTransport.Response response = http.send("POST", endpoint.uri(), signed, body);
                if (response.successful()) {
                    return response.body();
                }
                AwsApiException error = error(service, response);
                if (!error.retryable() || attempt >= ATTEMPTS || !deadline.allows(wait)) {
                    throw error;
                }
            } catch (NoAnswerException e) {
                if (attempt >= ATTEMPTS || !deadline.allows(wait)) {
                    throw e;
                }
            }
            backoff.sleep(wait);
        }
    }

    /**
     * AWS's error code and message. JSON protocols name the error in {@code __type} (or the {@code x-amzn-ErrorType}
     * header), possibly prefixed with a namespace and suffixed with a URL after ':'; Query protocols answer
     * {@code <ErrorResponse><Error><Code>}.
     */
    private static AwsApiException error(Service service, HttpTransport.Response response) {
        String code = null;
        String message = null;
        try {
            if (service.query()) {
                Element error = child(xml(response.body()).getDocumentElement(), "Error").orElseThrow();
                code = text(error, "Code").orElse(null);
                message = text(error, "Message").orElse(null);
            } else {
                JsonNode json = JSON.readTree(response.body());
                code = json.path("__type").textValue();
                message = json.hasNonNull("message") ? json.get("message").asText() : json.path("Message").textValue();
            }
        } catch (Exception notAnErrorBody) {
            // Load balancers answer 5xx with HTML; the status says enough then.
        }
        if (code == null) {
            code = response.header("x-amzn-ErrorType").orElse("HTTP" + response.status());
        }
        code = code.substring(code.lastIndexOf('#') + 1);
        if (code.indexOf(':') > 0) {
            code = code.substring(0, code.indexOf(':'));
        }
        return new AwsApiException(response.status(), code, message == null ? "HTTP " + response.status() : message);
    }

    private static Document xml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AwsApiException(200, "MalformedResponse", "the answer is not XML");
        }
    }
}
