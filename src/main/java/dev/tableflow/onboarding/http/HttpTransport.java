package dev.tableflow.onboarding.http;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The application's one HTTP client, for Confluent Cloud and AWS alike: the JDK's own, so that no HTTP stack is
 * packaged or started beside it (a REST client framework and the AWS SDK's clients were most of the zip and of the
 * cold start; BENCHMARKS.md). What a failed call means is decided by each API's error policy, not here.
 */
@ApplicationScoped
public class HttpTransport {

    /** Confluent's and AWS's APIs answer within a second or two; a hung call should fail the attempt, not the Lambda. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A response read whole: every body these APIs send is a small JSON or XML document. */
    public record Response(int status, HttpHeaders headers, String body) {

        public boolean successful() {
            return status >= 200 && status < 300;
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    // HTTP/1.1: on plain http (the test bed) the JDK would otherwise offer an h2c upgrade with every request.
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    /** A request with the read timeout every call gets. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(READ_TIMEOUT);
    }

    /** @throws NoAnswerException on a timeout, a reset or a refused connection: the request may or may not have run */
    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new NoAnswerException(request.method() + " " + hostOf(request.uri()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswerException(request.method() + " " + hostOf(request.uri()) + " was interrupted", e);
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
