package dev.tableflow.onboarding.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.aws.AwsCall;
import dev.tableflow.onboarding.testbed.confluent.LoggedRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits between the ASL engine and the test bed's Lambda Invoke API and attributes every HTTP call the functions make
 * to the invocation that made it: it notes how long the Confluent test server's request log and the AWS proxy's
 * call list were when the invocation started and when it ended. Exact as long as invocations run one at a time,
 * which is true of the bootstrap and of a one-topic onboarding (the benchmark runs nothing else meanwhile).
 */
final class InvokeRecorder implements AutoCloseable {

    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "date");

    /** One function invocation and the calls it made; {@code error} is Lambda's X-Amz-Function-Error, or null. */
    record Span(String function, List<LoggedRequest> confluent, List<AwsCall> aws, Duration duration, String error) {}

    private final TestBed bed;
    private final URI target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    private InvokeRecorder(TestBed bed) throws IOException {
        this.bed = bed;
        this.target = bed.lambda.endpoint();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static InvokeRecorder start(TestBed bed) {
        try {
            return new InvokeRecorder(bed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Spans recorded so far, in the order the invocations ended. */
    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Runs {@code action} (an invocation made without the engine, such as the intake) as one recorded span. */
    <T> T record(String function, Supplier<T> action) {
        int confluentBefore = bed.confluent.requests().all().size();
        int awsBefore = bed.aws.calls().size();
        long started = System.nanoTime();
        T result = action.get();
        spans.add(span(function, confluentBefore, awsBefore, started, null));
        return result;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getPath());
            String function = path.matches() ? path.group(1).replaceFirst(".*:function:", "").replaceFirst(":.*", "") : "?";
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofMinutes(5))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            String invocationType = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if (invocationType != null) {
                request.header("X-Amz-Invocation-Type", invocationType);
            }
            int confluentBefore = bed.confluent.requests().all().size();
            int awsBefore = bed.aws.calls().size();
            long started = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while forwarding an invocation", e);
            }
            String error = response.headers().firstValue("X-Amz-Function-Error").orElse(null);
            spans.add(span(function, confluentBefore, awsBefore, started, error));
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Span span(String function, int confluentBefore, int awsBefore, long startedNanos, String error) {
        List<LoggedRequest> confluent = bed.confluent.requests().all();
        List<AwsCall> aws = bed.aws.calls();
        return new Span(function, List.copyOf(confluent.subList(confluentBefore, confluent.size())),
                List.copyOf(aws.subList(awsBefore, aws.size())), Duration.ofNanos(System.nanoTime() - startedNanos), error);
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
