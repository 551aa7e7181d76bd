package dev.tableflow.onboarding.testbed.confluent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tableflow.onboarding.testbed.confluent.ApiFamily.ErrorStyle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The request pipeline: contract check → injected fault → authentication → API → common headers → response check →
 * log. Everything between reading the request and writing the answer runs under the shared lock, so APIs are
 * plain single-threaded code.
 */
final class Dispatcher implements HttpHandler {
    /** Advertised in X-RateLimit-* headers; real limiting is simulated with faults. */
    static final int RATE_LIMIT_PER_MINUTE = 1000;

    private final CloudContext ctx;
    private final Router router;
    private final Authenticator authenticator;
    private final Faults faults;
    private final ResponseHooks hooks;
    private final RequestLog log;
    private final ContractValidator contracts;
    private long windowStartMillis = System.currentTimeMillis();
    private int requestsInWindow;

    Dispatcher(CloudContext ctx, Router router, Authenticator authenticator, Faults faults, ResponseHooks hooks,
               RequestLog log, ContractValidator contracts) {
        this.ctx = ctx;
        this.router = router;
        this.authenticator = authenticator;
        this.faults = faults;
        this.hooks = hooks;
        this.log = log;
        this.contracts = contracts;
    }

    /** What to do with the connection: answer, or drop it without a byte (connection-reset fault). */
    private record Outcome(Reply reply, boolean mutating, Fault fault) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // Closing an exchange whose headers were never sent makes the JDK server drop the connection: that is how
        // the connection-reset and hang faults reach the client.
        try (exchange) {
            HttpCall call = read(exchange);
            Outcome outcome;
            synchronized (ctx) {
                outcome = process(call);
            }
            Reply reply = outcome.reply;
            log.add(new LoggedRequest(Instant.now(), call.requestId, call.method, call.path, call.rawQuery,
                    reply == null ? 0 : reply.status(), outcome.mutating, outcome.fault == null ? null : outcome.fault.toString()));
            if (reply != null) {
                hooks.answered(call.method, call.path, reply.status());
                send(exchange, reply);
            } else if (outcome.fault.kind() == Fault.Kind.HANG) {
                hang(outcome.fault.hold());
            }
        }
    }

    private Outcome process(HttpCall call) {
        Optional<ApiFamily> family = ApiFamily.of(call.path);
        ErrorStyle style = family.map(f -> f.errorStyle).orElse(ErrorStyle.MANAGEMENT);
        Optional<Router.Match> match = router.match(call.method, call.path);
        boolean mutating = match.map(m -> m.route().mutating()).orElse(call.mutatingMethod());

        // Validate first so that even requests answered by a fault are checked against the contract.
        ContractViolation violation = family.map(f -> contracts.checkRequest(f, call)).orElse(null);

        Optional<Fault> fault = faults.pick(call.method, call.path);
        if (fault.isPresent()) {
            return new Outcome(faultReply(fault.get(), family.orElse(null), style, call), mutating, fault.get());
        }
        if (violation != null) {
            ApiException e = ApiException.badRequest("Request violates the Confluent API contract (" + violation.specFile()
                    + "): " + String.join("; ", violation.messages()));
            return new Outcome(common(ErrorBodies.reply(style, e, call.requestId), call, family), mutating, null);
        }
        if (family.isEmpty()) {
            ApiException e = ApiException.notFound("No Confluent API is served at " + call.path);
            return new Outcome(common(ErrorBodies.reply(style, e, call.requestId), call, family), mutating, null);
        }
        Reply reply;
        boolean checkResponse = match.isPresent();
        try {
            authenticator.authenticate(family.get(), call);
            if (match.isEmpty()) {
                throw new ApiException(501, "not_implemented", "Not Implemented",
                        call.method + " " + call.path + " is in the contract but not simulated by ConfluentCloudTestServer", 0, null);
            }
            call.pathParams = match.get().params();
            reply = match.get().route().handler().handle(call);
        } catch (ApiException e) {
            reply = ErrorBodies.reply(style, e, call.requestId);
        } catch (RuntimeException e) {
            // A bug in the test server: answer like Confluent's 500 rather than dropping the connection.
            e.printStackTrace();
            reply = ErrorBodies.reply(style, new ApiException(500, "internal_error", "Internal Server Error",
                    "ConfluentCloudTestServer failed: " + e, 0, null), call.requestId);
        }
        reply = common(reply, call, family);
        if (checkResponse) {
            contracts.checkResponse(family.get(), call, reply);
        }
        return new Outcome(reply, mutating, null);
    }

    /**
     * Injected failures. Their answers are not checked against the contract: 503 is not declared anywhere and the
     * specs declare 429 without a body (management) or as Jetty's text/html page (Kafka REST), while we still send
     * the family's error body so clients that log it have something to log.
     */
    private Reply faultReply(Fault fault, ApiFamily family, ErrorStyle style, HttpCall call) {
        if (fault.kind() == Fault.Kind.CONNECTION_RESET || fault.kind() == Fault.Kind.HANG) {
            return null;
        }
        ApiException e = new ApiException(fault.status(), fault.status() == 429 ? "too_many_requests" : "service_error",
                ErrorBodies.reason(fault.status()), "Injected fault: " + fault, 0, null);
        Reply reply = ErrorBodies.faultReply(family, style, e, call.requestId)
                .header("X-Request-Id", call.requestId)
                .header("X-RateLimit-Limit", Integer.toString(RATE_LIMIT_PER_MINUTE));
        if (fault.kind() == Fault.Kind.RATE_LIMITED) {
            String wait = Integer.toString(fault.retryAfterSeconds());
            return reply.header("Retry-After", wait).header("X-RateLimit-Remaining", "0").header("X-RateLimit-Reset", wait);
        }
        return rateHeaders(reply);
    }

    /** Outside the server's lock, so the other requests are answered meanwhile. */
    private static void hang(Duration hold) {
        try {
            Thread.sleep(hold);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply common(Reply reply, HttpCall call, Optional<ApiFamily> family) {
        Reply out = rateHeaders(reply.header("X-Request-Id", call.requestId)
                .header("X-RateLimit-Limit", Integer.toString(RATE_LIMIT_PER_MINUTE)));
        return out.contentType() == null || family.isEmpty() ? out : out.contentType(family.get().contentType(out.status()));
    }

    /** A fixed one-minute window: remaining counts down, reset is the seconds left in the window. */
    private Reply rateHeaders(Reply reply) {
        long now = System.currentTimeMillis();
        if (now - windowStartMillis >= 60_000) {
            windowStartMillis = now;
            requestsInWindow = 0;
        }
        requestsInWindow++;
        long reset = Math.max(1, (windowStartMillis + 60_000 - now + 999) / 1000);
        return reply.header("X-RateLimit-Remaining", Integer.toString(Math.max(0, RATE_LIMIT_PER_MINUTE - requestsInWindow)))
                .header("X-RateLimit-Reset", Long.toString(reset));
    }

    private static HttpCall read(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
        return new HttpCall(UUID.randomUUID().toString(), exchange.getRequestMethod().toUpperCase(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers, body);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        if (reply.contentType() != null && bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
