package dev.tableflow.onboarding.http;

import com.sun.net.httpserver.HttpServer;
import dev.tableflow.onboarding.testbed.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transport against real HTTP servers on the loopback: the JDK's own, and a socket that drops the connection. */
class HttpTransportTest {

    /** What the server received. */
    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {}

    private final Deadline deadline = new Deadline();
    private final HttpTransport transport = new HttpTransport(deadline);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/slow")) {
                pause(Duration.ofSeconds(5)); // within the transport's read timeout
            }
            int status = path.startsWith("/status/") ? Integer.parseInt(path.substring("/status/".length())) : 200;
            byte[] answer = status == 204 ? new byte[0] : ("{\"echo\":\"" + exchange.getRequestMethod() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.getResponseHeaders().add("Location", base.resolve("/elsewhere").toString());
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsEachMethodWithItsHeadersAndBodyAndReadsTheAnswer() {
        for (String method : List.of("GET", "POST", "PATCH", "DELETE")) {
            byte[] body = method.equals("POST") || method.equals("PATCH") ? "{\"a\":1}".getBytes(StandardCharsets.UTF_8) : null;
            Map<String, String> headers = body == null ? Map.of("Authorization", "Basic xyz")
                    : Map.of("Authorization", "Basic xyz", "Content-Type", "application/json");

            HttpTransport.Response response = transport.send(method, base.resolve("/things/a%2Fb?page_token=t%201"), headers, body);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.successful()).isTrue();
            assertThat(response.body()).isEqualTo("{\"echo\":\"" + method + "\"}");
            assertThat(response.header("retry-after")).as("header names in any case").contains("7");
            Received request = received.getLast();
            assertThat(request.method()).isEqualTo(method);
            assertThat(request.pathAndQuery()).as("the URI as given, not re-encoded").isEqualTo("/things/a%2Fb?page_token=t%201");
            assertThat(request.headers().get("Authorization")).containsExactly("Basic xyz");
            assertThat(request.body()).isEqualTo(body == null ? "" : "{\"a\":1}");
            if (body != null) {
                assertThat(request.headers().get("Content-type")).containsExactly("application/json");
                assertThat(request.headers().get("Content-length")).containsExactly(String.valueOf(body.length));
            }
        }
    }

    @Test
    void headersGoOutAsGivenWithTheHostAsSigV4SignsIt() {
        // SigV4 hands over lower-case names, Content-Type among them; the JDK must neither add a second one nor alter it.
        Map<String, String> signed = Map.of("content-type", "application/x-amz-json-1.1", "x-amz-date", "20261205T000000Z",
                "authorization", "AWS4-HMAC-SHA256 Credential=…");

        transport.send("POST", base.resolve("/"), signed, "{}".getBytes(StandardCharsets.UTF_8));

        Received request = received.getLast();
        assertThat(request.headers().get("Content-type")).containsExactly("application/x-amz-json-1.1");
        assertThat(request.headers().get("X-amz-date")).containsExactly("20261205T000000Z");
        assertThat(request.headers().get("Host")).as("the port, since it is not the scheme's default")
                .containsExactly("127.0.0.1:" + base.getPort());
    }

    @Test
    void aPostAnswered401KeepsItsStatusWhileTheJdkDropsItsBody() {
        HttpTransport.Response refused = transport.send("POST", base.resolve("/status/401"), Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
        HttpTransport.Response refusedRead = transport.send("GET", base.resolve("/status/401"), Map.of(), null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).as("a streamed request's 401 is not read (see HttpTransport.send)").isEmpty();
        assertThat(refusedRead.status()).isEqualTo(401);
        assertThat(refusedRead.body()).isEqualTo("{\"echo\":\"GET\"}");
    }

    @Test
    void errorAnswersAreReadLikeAnyOther() {
        HttpTransport.Response notFound = transport.send("GET", base.resolve("/status/404"), Map.of(), null);
        HttpTransport.Response unavailable = transport.send("POST", base.resolve("/status/503"), Map.of(), new byte[] {'x'});
        HttpTransport.Response noContent = transport.send("DELETE", base.resolve("/status/204"), Map.of(), null);

        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.successful()).isFalse();
        assertThat(notFound.body()).isEqualTo("{\"echo\":\"GET\"}");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("Retry-After")).contains("7");
        assertThat(unavailable.body()).as("a POST's error body").isEqualTo("{\"echo\":\"POST\"}");
        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();
    }

    @Test
    void aRedirectIsTheAnswerNotFollowed() {
        HttpTransport.Response redirect = transport.send("GET", base.resolve("/status/302"), Map.of(), null);

        assertThat(redirect.status()).isEqualTo(302);
        assertThat(received).hasSize(1);
    }

    @Test
    void aWriteWhoseConnectionDropsIsSentOnceAndReportedAsNoAnswer() throws Exception {
        try (DroppingServer dropping = new DroppingServer()) {
            assertThatThrownBy(() -> transport.send("POST", dropping.uri(), Map.of("Content-Type", "application/json"),
                    "{}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(NoAnswerException.class)
                    .hasMessageStartingWith("POST " + dropping.uri().getScheme() + "://" + dropping.uri().getAuthority() + ": ");
            assertThat(dropping.requests.get()).as("the POST, sent once").isEqualTo(1);

            // What streaming the body prevents: the JDK repeats an unstreamed request once by itself.
            assertThatThrownBy(() -> transport.send("GET", dropping.uri(), Map.of(), null)).isInstanceOf(NoAnswerException.class);
            assertThat(dropping.requests.get()).as("the POST, then the GET twice").isEqualTo(3);
        }
    }

    @Test
    void aRefusedConnectionIsNoAnswer() {
        int closedPort = Loopback.freePort();
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/");

        for (String method : List.of("GET", "PATCH")) {
            assertThatThrownBy(() -> transport.send(method, nowhere, Map.of(), null))
                    .isInstanceOf(NoAnswerException.class)
                    .hasMessageStartingWith(method + " http://127.0.0.1:" + closedPort + ": ");
        }
    }

    @Test
    void aCallIsCutShortToTheInvocationsDeadline() {
        assertThat(transport.send("GET", base.resolve("/slow"), Map.of(), null).status()).as("no invocation: answered").isEqualTo(200);

        deadline.start(Deadline.RESERVE.plusMillis(1_500).toMillis());

        assertThatThrownBy(() -> transport.send("GET", base.resolve("/slow"), Map.of(), null))
                .isInstanceOf(NoAnswerException.class)
                .hasMessageContaining("SocketTimeoutException");
    }

    @Test
    void noRequestIsSentOnceTheInvocationsTimeIsUp() {
        deadline.start(Deadline.RESERVE.toMillis());

        for (String method : List.of("GET", "PATCH")) {
            assertThatThrownBy(() -> transport.send(method, base.resolve("/things"), Map.of(), null))
                    .isInstanceOf(NoAnswerException.class)
                    .hasMessage(method + " " + base + ": not sent, the invocation's time is up");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void percentEncodesAllButTheUnreservedCharacters() {
        assertThat(HttpTransport.percentEncode("a-b_c.d~e f/g?h&i=j+k%äö")).isEqualTo("a-b_c.d~e%20f%2Fg%3Fh%26i%3Dj%2Bk%25%C3%A4%C3%B6");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads each request whole, then closes the connection without an answer; counts the requests. */
    private static final class DroppingServer implements AutoCloseable {

        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final Thread acceptor = Thread.ofPlatform().daemon().start(this::serve);

        DroppingServer() throws IOException {
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/drop");
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
                    int length = 0;
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring("content-length:".length()).strip());
                        }
                    }
                    in.skip(length); // ISO-8859-1: one char a byte
                    requests.incrementAndGet();
                } catch (IOException closedOrReset) {
                    // closed by the test, or the client gave up: either way, the next connection or the end
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(5_000);
        }
    }
}
