package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.http.HttpTransport;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * How every Confluent Cloud API is called: a JSON request over {@link HttpTransport}, a 2xx answer read into the
 * caller's type, anything else raised as {@link ConfluentApiException}. The clients only say which path, parameters
 * and body; what a failure means is {@link ConfluentCalls}'s business. The one answer handled here is a 401 to the
 * Cloud API key, which {@link CloudApiKey} may have a newer value for.
 * <p>
 * JSON goes through Quarkus' {@link ObjectMapper}: unknown properties are ignored (the APIs add fields), and the
 * records' own annotations decide naming and which nulls are left out.
 */
@ApplicationScoped
public class ConfluentHttp {

    private final HttpTransport transport;
    private final ObjectMapper json;

    public ConfluentHttp(HttpTransport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    /**
     * @param path the path below {@code base}, each {@code {}} standing for the next of {@code segments}, which is
     *             percent-encoded as one path segment (a subject name, for one, may hold any character)
     */
    public Request get(URI base, String path, Object... segments) {
        return new Request("GET", base, path, segments);
    }

    public Request post(URI base, String path, Object... segments) {
        return new Request("POST", base, path, segments);
    }

    public Request patch(URI base, String path, Object... segments) {
        return new Request("PATCH", base, path, segments);
    }

    public Request delete(URI base, String path, Object... segments) {
        return new Request("DELETE", base, path, segments);
    }

    /** One call being described; nothing is sent until one of the reading methods. */
    public final class Request {

        private final String method;
        private final StringBuilder uri;
        private final StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        private String authorization;
        private CloudApiKey cloudApiKey;
        private Object body;

        private Request(String method, URI base, String path, Object[] segments) {
            this.method = method;
            String root = base.toString();
            this.uri = new StringBuilder(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
            int next = 0;
            for (int i = 0; i < path.length(); i++) {
                if (path.startsWith("{}", i)) {
                    uri.append(HttpTransport.percentEncode(segments[next++].toString()));
                    i++;
                } else {
                    uri.append(path.charAt(i));
                }
            }
            if (next != segments.length) {
                throw new IllegalArgumentException(path + " has " + next + " placeholders for " + segments.length + " segments");
            }
        }

        public Request authorization(String authorization) {
            this.authorization = authorization;
            return this;
        }

        /** The operator's key: if Confluent refuses it (401) and the stored key has changed since, sent once more. */
        public Request authorization(CloudApiKey key) {
            this.cloudApiKey = key;
            return this;
        }

        /** A null value is left out, as an optional parameter that is not set. */
        public Request query(String name, Object value) {
            if (value != null) {
                query.add(HttpTransport.percentEncode(name) + "=" + HttpTransport.percentEncode(String.valueOf(value)));
            }
            return this;
        }

        public Request body(Object body) {
            this.body = body;
            return this;
        }

        /** The answer as {@code type}; null for an empty one (204). */
        public <T> T read(Class<T> type) {
            return read(json.constructType(type));
        }

        public <T> Page<T> page(Class<T> item) {
            return read(json.getTypeFactory().constructParametricType(Page.class, item));
        }

        public <T> MetricsPage<T> metricsPage(Class<T> item) {
            return read(json.getTypeFactory().constructParametricType(MetricsPage.class, item));
        }

        public <T> List<T> list(Class<T> item) {
            return read(json.getTypeFactory().constructCollectionType(List.class, item));
        }

        /** For calls whose answer is of no use (204 No Content, or an echo of what was sent). */
        public void send() {
            call();
        }

        private <T> T read(JavaType type) {
            HttpTransport.Response response = call();
            if (response.body() == null || response.body().isBlank()) {
                return null;
            }
            try {
                return json.readValue(response.body(), type);
            } catch (JsonProcessingException e) {
                // A contract violation, not a failure the error policy knows. Jackson's message quotes the body, which
                // may hold a key's secret, so it is not passed on.
                throw new IllegalStateException(method + " " + path() + " answered " + response.status() + " with a body that is not "
                        + type.getRawClass().getSimpleName() + " JSON");
            }
        }

        private HttpTransport.Response call() {
            String sentWith = cloudApiKey != null ? cloudApiKey.authorization() : authorization;
            HttpTransport.Response response = send(sentWith);
            if (response.status() == 401 && cloudApiKey != null && cloudApiKey.renew(sentWith)) {
                response = send(cloudApiKey.authorization()); // a 401 was not carried out: nothing happens twice
            }
            if (!response.successful()) {
                throw error(response.status(), response::header, response.body());
            }
            return response;
        }

        private HttpTransport.Response send(String authorizedBy) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "application/json");
            if (authorizedBy != null) {
                headers.put("Authorization", authorizedBy);
            }
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            return transport.send(method, URI.create(uri.toString() + query), headers, body == null ? null : bytes(body));
        }

        private byte[] bytes(Object value) {
            try {
                return json.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
            }
        }

        private String path() {
            return URI.create(uri.toString()).getRawPath();
        }
    }

    /**
     * Reads Confluent's two error body shapes into one exception: the management APIs' JSON:API style
     * {@code {"errors":[{"status","code","title","detail"}]}} and Kafka REST / Schema Registry's
     * {@code {"error_code": 40002, "message": "..."}}. The wait hint is {@code Retry-After} (429, and 503 by HTTP), or on
     * a 429 without it {@code X-RateLimit-Reset} (relative seconds on Confluent Cloud, unlike GitHub's epoch seconds). On
     * other errors {@code X-RateLimit-Reset} is only when the quota window renews, not a reason to wait.
     */
    ConfluentApiException error(int status, Function<String, Optional<String>> header, String body) {
        String code = null;
        String message = null;
        try {
            JsonNode answer = body == null || body.isBlank() ? json.missingNode() : json.readTree(body);
            JsonNode first = answer.path("errors").path(0);
            if (!first.isMissingNode()) {
                code = text(first, "code");
                message = text(first, "detail") != null ? text(first, "detail") : text(first, "title");
            } else if (answer.has("error_code")) {
                code = answer.get("error_code").asText();
                message = text(answer, "message");
            }
        } catch (JsonProcessingException notJson) {
            // Gateways answer 502/503 with HTML or plain text; the status line says enough then.
        }
        return new ConfluentApiException(status, code, message == null ? reason(status) : message, retryAfter(status, header));
    }

    private static OptionalLong retryAfter(int status, Function<String, Optional<String>> header) {
        List<String> names = status == 429 ? List.of("Retry-After", "X-RateLimit-Reset") : List.of("Retry-After");
        for (String name : names) {
            Optional<String> value = header.apply(name).map(String::strip);
            if (value.isPresent() && value.get().matches("\\d{1,6}")) {
                return OptionalLong.of(Long.parseLong(value.get()));
            }
        }
        return OptionalLong.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** A body without a message (a gateway's, or a 401 the transport could not read) gets its status's standard phrase. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }
}
