package dev.tableflow.onboarding.testbed.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of moto that records every AWS call and can inject faults.
 * <p>
 * Function processes and tests point their AWS clients at {@link #endpoint()}. Each request is forwarded unchanged
 * (method, path, query, headers including Authorization and X-Amz-*, body) except the hop-by-hop headers and
 * {@code Host}, which {@code java.net.http} sets itself; moto does not verify SigV4 signatures, so that is harmless.
 * <p>
 * {@link #writes()} counts write <em>attempts</em> (see {@link AwsOperation} for the rule), whatever their status:
 * an idempotency check must flag an attempted mutation even when AWS refused it. Filter {@link #calls()} on
 * {@link AwsCall#succeeded()} for effective writes.
 * <p>
 * Every request is also held to its service's published model ({@link AwsRequestContract}); tests end with
 * {@link #assertNoContractViolations()}, as they do for the Confluent test server.
 */
public final class AwsRecordingProxy implements AutoCloseable {

    /** Headers a proxy must not copy: hop-by-hop, or computed by the HTTP client from the forwarded body. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<AwsCall> calls = new CopyOnWriteArrayList<>();
    /** Kept across {@link #reset()}: a phase of a test must not forget a bad request of the phase before. */
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<FaultRule> faults = new ArrayList<>();
    private final List<AnswerHook> hooks = new ArrayList<>();

    private AwsRecordingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a proxy on a free local port that forwards to {@code target} (e.g. {@link MotoServer#endpoint()}). */
    public static AwsRecordingProxy start(URI target) {
        try {
            return new AwsRecordingProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the AWS recording proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<AwsCall> calls() {
        return List.copyOf(calls);
    }

    public long writes() {
        return calls.stream().filter(AwsCall::isWrite).count();
    }

    public long writes(String service) {
        return calls.stream().filter(c -> c.isWrite() && c.service().equals(service)).count();
    }

    /** What the requests so far did that their services' models do not allow, each once. */
    public List<String> contractViolations() {
        return violations.stream().distinct().toList();
    }

    public void assertNoContractViolations() {
        List<String> found = contractViolations();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " AWS contract violation(s):\n" + String.join("\n", found));
        }
    }

    /** Forgets recorded calls, pending faults and hooks, e.g. between the phases of a test. */
    public synchronized void reset() {
        calls.clear();
        faults.clear();
        hooks.clear();
    }

    /**
     * Runs {@code action} once, after moto answered the next call {@code when} matches with 2xx and before the answer
     * goes back to the caller: the window in which a real caller can die with the call's effect in place (crash
     * tests kill the calling function's JVM here). The call is recorded before the action runs.
     */
    public synchronized void afterAnswered(Predicate<AwsOperation> when, Runnable action) {
        hooks.add(new AnswerHook(when, action));
    }

    /** Hooks armed and not fired yet. */
    public synchronized int pendingHooks() {
        return hooks.size();
    }

    /** Applies {@code fault} to the next {@code times} requests that {@code when} matches, in arrival order. */
    public synchronized void inject(Predicate<AwsOperation> when, int times, Fault fault) {
        faults.add(new FaultRule(when, times, fault));
    }

    /** Answers the next {@code times} calls to {@code service} with {@code status} (400 means throttling). */
    public void failNext(String service, int times, int status) {
        inject(op -> op.service().equals(service), times, Fault.status(status));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        client.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            AwsOperation operation = AwsOperation.of(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            violations.addAll(AwsRequestContract.violations(operation.service(), exchange.getRequestMethod(), uri.getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("X-Amz-Target"), body));
            // Each call is recorded before its caller gets the answer, so records are in the order callers saw.
            switch (nextFault(operation)) {
                case Fault.ErrorResponse error -> {
                    calls.add(new AwsCall(operation, error.status(), true));
                    sendError(exchange, operation, error);
                }
                case Fault.ConnectionReset ignored -> calls.add(new AwsCall(operation, 0, true));
                case Fault.Delay delay -> {
                    sleep(delay.delay());
                    forward(exchange, operation, body);
                }
                case null -> forward(exchange, operation, body);
            }
        }
    }

    private synchronized Fault nextFault(AwsOperation operation) {
        for (Iterator<FaultRule> it = faults.iterator(); it.hasNext(); ) {
            FaultRule rule = it.next();
            if (rule.when().test(operation)) {
                if (rule.consume()) {
                    it.remove();
                }
                return rule.fault();
            }
        }
        return null;
    }

    private void forward(HttpExchange exchange, AwsOperation operation, byte[] body) throws IOException {
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .method(method, body.length == 0 && !method.equals("POST") && !method.equals("PUT")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // Moto is down or dropped the connection: answer like a gateway so the caller sees a 5xx, not a hang.
            calls.add(new AwsCall(operation, 502, false));
            send(exchange, 502, "{\"message\":\"moto unreachable\"}".getBytes(StandardCharsets.UTF_8));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to moto", e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        calls.add(new AwsCall(operation, response.statusCode(), false));
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            Runnable hook = takeHook(operation);
            if (hook != null) {
                hook.run();
            }
        }
        send(exchange, response.statusCode(), method.equals("HEAD") ? new byte[0] : response.body());
    }

    private synchronized Runnable takeHook(AwsOperation operation) {
        for (Iterator<AnswerHook> it = hooks.iterator(); it.hasNext(); ) {
            AnswerHook hook = it.next();
            if (hook.when().test(operation)) {
                it.remove();
                return hook.action();
            }
        }
        return null;
    }

    /** Shapes the error as the service would, so the SDK parses the error code and classifies it for retry. */
    private static void sendError(HttpExchange exchange, AwsOperation operation, Fault.ErrorResponse error)
            throws IOException {
        String body;
        if (operation.protocol() == AwsOperation.Protocol.QUERY) {
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            body = "<ErrorResponse><Error><Type>" + (error.status() < 500 ? "Sender" : "Receiver") + "</Type><Code>"
                    + error.code() + "</Code><Message>" + error.message() + "</Message></Error>"
                    + "<RequestId>injected-fault</RequestId></ErrorResponse>";
        } else {
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-ErrorType", error.code());
            body = "{\"__type\":\"" + error.code() + "\",\"message\":\"" + error.message() + "\"}";
        }
        exchange.getResponseHeaders().set("x-amzn-RequestId", "injected-fault");
        send(exchange, error.status(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void sleep(Duration delay) throws IOException {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during an injected delay", e);
        }
    }

    private record AnswerHook(Predicate<AwsOperation> when, Runnable action) {
    }

    /** A fault for the next {@code remaining} matching requests. */
    private static final class FaultRule {
        private final Predicate<AwsOperation> when;
        private final Fault fault;
        private int remaining;

        FaultRule(Predicate<AwsOperation> when, int times, Fault fault) {
            this.when = when;
            this.remaining = times;
            this.fault = fault;
        }

        Predicate<AwsOperation> when() {
            return when;
        }

        Fault fault() {
            return fault;
        }

        /** Uses one application; true when the rule is spent. */
        boolean consume() {
            return --remaining <= 0;
        }
    }
}
