package dev.tableflow.onboarding.http;

import jakarta.enterprise.context.ApplicationScoped;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The application's one HTTP client, for Confluent Cloud and AWS alike, and the JDK's own, so that no HTTP stack is
 * packaged or started beside it (a REST client framework and the AWS SDK's clients were most of the zip and of the
 * cold start; BENCHMARKS.md). What a failed call means is decided by each API's error policy, not here.
 * <p>
 * Calls go through {@link HttpURLConnection}: a fresh JVM's first call through it loads about a hundred classes
 * beyond the JDK's class-data archive, where {@code java.net.http} loads a thousand and starts a selector thread,
 * so a cold function's first call costs about 40 ms instead of 330 (425 instead of 575 over TLS; BENCHMARKS.md).
 * {@code HttpURLConnection} cannot send PATCH, which only the updates of a drifted topic use: those go through
 * {@code java.net.http}, built the first time one is sent.
 */
@ApplicationScoped
public class HttpTransport {

    /** Confluent's and AWS's APIs answer within a second or two; a hung call should fail the attempt, not the Lambda. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final String PATCH = "PATCH";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Deadline deadline;

    public HttpTransport(Deadline deadline) {
        this.deadline = deadline;
    }

    /** A response read whole: every body these APIs send is a small JSON or XML document. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        /** @param headers by name in any case, as HTTP header names are case-insensitive */
        public Response {
            TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> {
                if (name != null) { // HttpURLConnection files the status line under null
                    byName.merge(name, List.copyOf(values), (earlier, more) -> Stream.concat(earlier.stream(), more.stream()).toList());
                }
            });
            headers = Collections.unmodifiableMap(byName);
        }

        public boolean successful() {
            return status >= 200 && status < 300;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name)).filter(values -> !values.isEmpty()).map(List::getFirst);
        }
    }

    /**
     * Sends one request and reads the whole answer, whatever its status; except that the JDK drops the body of a 401
     * answer to a request with a body (it would have to send the body again with credentials, and a streamed body
     * cannot be), so such a 401 comes with its status and headers only.
     *
     * @param headers the request's headers; {@code Host} and {@code Content-Length} are the client's to set
     * @param body    null for none
     * @throws NoAnswerException on a timeout, a reset or a refused connection: the request may or may not have run;
     *                           or, not sent, when the invocation's {@link Deadline} leaves no time for it
     */
    public Response send(String method, URI uri, Map<String, String> headers, byte[] body) {
        if (!deadline.allows(Duration.ZERO)) {
            throw new NoAnswerException(method + " " + hostOf(uri), "not sent, the invocation's time is up");
        }
        Duration timeout = deadline.cap(READ_TIMEOUT);
        try {
            return PATCH.equals(method) ? PatchClient.send(uri, headers, body, timeout)
                    : sendByUrlConnection(method, uri, headers, body, deadline.cap(CONNECT_TIMEOUT), timeout);
        } catch (IOException e) {
            throw new NoAnswerException(method + " " + hostOf(uri), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswerException(method + " " + hostOf(uri) + " was interrupted", e);
        }
    }

    /**
     * For SnapStart priming: a connection object, unconnected, so that the restored snapshot has the handler's classes
     * and, for an https URI, the JVM's default TLS context (its trust store read, its providers set up); then the
     * client's first TLS message, a ClientHello for {@code uri}'s host written into a buffer and thrown away, so the
     * handshake's own code (extensions, key shares) is loaded too. Nothing is sent; the key shares it generated are
     * dropped with the engine, and each real handshake generates its own.
     */
    public void warmUp(URI uri) {
        try {
            open("GET", uri, Map.of(), CONNECT_TIMEOUT, READ_TIMEOUT);
            if ("https".equals(uri.getScheme())) {
                SSLEngine engine = SSLContext.getDefault().createSSLEngine(uri.getHost(), 443);
                engine.setUseClientMode(true);
                engine.beginHandshake();
                engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
                engine.closeOutbound();
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare a connection to " + hostOf(uri), e);
        }
    }

    private static Response sendByUrlConnection(String method, URI uri, Map<String, String> headers, byte[] body,
                                                Duration connectTimeout, Duration readTimeout) throws IOException {
        HttpURLConnection connection = open(method, uri, headers, connectTimeout, readTimeout);
        if (body != null || "POST".equals(method)) {
            // Streamed with its length: HttpURLConnection repeats a request by itself once when the connection fails
            // before the answer, unless it was streamed. So a POST is sent once, and whether a write that may have run
            // is sent again stays the callers' error policy's call. GETs and DELETEs may be repeated; every delete
            // here already takes 404 as done (ConfluentCalls.delete).
            byte[] bytes = body == null ? new byte[0] : body;
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = connection.getResponseCode();
        // Read to the end and closed, so the connection goes back to the keep-alive cache for the next call.
        try (InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            String text = answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, connection.getHeaderFields(), text);
        }
    }

    private static HttpURLConnection open(String method, URI uri, Map<String, String> headers, Duration connectTimeout,
                                          Duration readTimeout) throws IOException {
        // The JVM's proxy settings, which java.net.http (PATCH) follows too; redirects are answers, not followed.
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) readTimeout.toMillis());
        headers.forEach(connection::setRequestProperty);
        return connection;
    }

    /** java.net.http, for PATCH only: a holder class, so its client is built (and its classes loaded) on first use. */
    private static final class PatchClient {

        // HTTP/1.1: on plain http (the test bed) the JDK would otherwise offer an h2c upgrade with every request.
        private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).build();

        static Response send(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(PATCH, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        }
    }

    /** Percent-encodes all but RFC 3986's unreserved characters, so a value never changes the URI's structure. */
    public static String percentEncode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static String hostOf(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
