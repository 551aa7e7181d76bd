package dev.tableflow.onboarding.testbed.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.tableflow.onboarding.testbed.lambda.HttpExchanges.lambdaError;
import static dev.tableflow.onboarding.testbed.lambda.HttpExchanges.sendJson;

/**
 * One warm execution environment: a function JVM and the Lambda Runtime API it talks to.
 * <p>
 * Each instance gets its own Runtime API port, so an init error, a crash or a timeout is always attributable to
 * one JVM and the invocation it was serving. Like a Lambda sandbox it serves one invocation at a time: the RIC
 * only asks for the next one after posting the previous result.
 */
final class RuntimeInstance {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private enum State { STARTING, POLLING, BUSY, DEAD }

    private final FunctionPool pool;
    private final RuntimeSettings settings;
    private final HttpServer api;
    private final Process process;
    private volatile State state = State.STARTING;
    private volatile boolean initialized;
    private volatile boolean served;
    private volatile PendingInvocation current;
    /**
     * Output belongs to the invocation last dispatched: the JVM writes an invocation's output before it asks for the
     * next one, and everything it wrote before asking is read (under {@link #outputLock}) before the next dispatch.
     */
    private PendingInvocation lastDispatched;
    private final Object outputLock = new Object();
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private volatile byte[] initFailure;

    RuntimeInstance(FunctionPool pool) throws IOException {
        this.pool = pool;
        this.settings = pool.settings();
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext(PREFIX, this::route);
        api.setExecutor(settings.executor());
        api.start();
        process = settings.runtime().processFor(settings.taskRoot(), pool.spec(), settings.environment(),
                settings.region(), "127.0.0.1:" + api.getAddress().getPort()).start();
        pool.log("INIT_START pid " + process.pid() + ", Runtime API on port " + api.getAddress().getPort());
        Thread.ofVirtual().start(this::copyOutputToLog);
        process.onExit().thenRun(this::exited);
        settings.scheduler().schedule(this::checkInitialized, settings.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starting up or waiting for work: an invocation queued now will be served without a new instance. */
    boolean isAvailable() {
        return state == State.STARTING || state == State.POLLING;
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** SIGKILL, then wait until the JVM is gone, so it can no longer read an answer or write anything. */
    void killAndWait() {
        kill();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("pid " + process.pid() + " of " + pool.spec().logicalId() + " survived SIGKILL", e);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] parts = path.split("/");
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                initFailed(body);
                sendJson(exchange, 202, Map.of("status", "OK"));
            } else if (method.equals("POST") && parts.length == 3 && parts[0].equals("invocation")
                    && (parts[2].equals("response") || parts[2].equals("error"))) {
                settle(exchange, parts[1], parts[2].equals("response"), body);
            } else {
                sendJson(exchange, 404, Map.of("errorType", "InvalidRequest", "errorMessage", "no route " + path));
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        initialized = true;
        state = State.POLLING;
        PendingInvocation invocation = pool.awaitInvocation(() -> state == State.DEAD);
        if (invocation == null) {
            return; // the instance is going away; the connection just closes
        }
        state = State.BUSY;
        current = invocation;
        synchronized (outputLock) {
            readOutput();
            lastDispatched = invocation;
        }
        invocation.dispatched(!served);
        served = true;
        Duration timeout = pool.spec().timeout();
        settings.scheduler().schedule(() -> timedOut(invocation), timeout.toMillis(), TimeUnit.MILLISECONDS);
        pool.log("START RequestId: " + invocation.requestId + " Version: $LATEST");
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + timeout.toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        HttpExchanges.send(exchange, 200, invocation.payload);
    }

    private void settle(HttpExchange exchange, String requestId, boolean success, byte[] body) throws IOException {
        PendingInvocation invocation = current;
        if (invocation == null || !invocation.requestId.equals(requestId)) {
            sendJson(exchange, 400, Map.of("errorType", "InvalidRequestID",
                    "errorMessage", "Invalid request ID: " + requestId));
            return;
        }
        current = null;
        sendJson(exchange, 202, Map.of("status", "OK"));
        synchronized (outputLock) {
            readOutput(); // what the JVM wrote before posting its result is in the logs before the caller has the result
        }
        if (success) {
            invocation.succeed(body);
        } else {
            invocation.fail(errorType(exchange, body), body);
        }
        pool.log("END RequestId: " + requestId);
    }

    /** The type a caller sees is the document's; the RIC's header is the fallback. */
    private static String errorType(HttpExchange exchange, byte[] body) {
        try {
            String type = HttpExchanges.JSON.readTree(body).path("errorType").asText("");
            if (!type.isEmpty()) {
                return type;
            }
        } catch (IOException notJson) {
            // fall through to the header
        }
        String header = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return header != null ? header : "Unhandled";
    }

    private void timedOut(PendingInvocation invocation) {
        String message = String.format("RequestId: %s Error: Task timed out after %.2f seconds",
                invocation.requestId, pool.spec().timeout().toMillis() / 1000.0);
        if (invocation.fail("Sandbox.Timedout", lambdaError("Sandbox.Timedout", message))) {
            pool.log(message);
            kill(); // Lambda resets the sandbox after a timeout, so the next invocation is a cold start
        }
    }

    private void checkInitialized() {
        if (!initialized && process.isAlive()) {
            initFailed(lambdaError("Sandbox.Timedout",
                    "INIT did not finish within " + settings.initTimeout().toSeconds() + " seconds"));
        }
    }

    /**
     * Lambda discards a sandbox whose init failed, and the next invoke starts a fresh one. The instance stops
     * counting as available at once, not when the JVM is gone, so no invocation queues behind a dying JVM.
     */
    private void initFailed(byte[] errorDocument) {
        initFailure = errorDocument;
        state = State.DEAD;
        kill();
    }

    private void exited() {
        boolean initFailed = !initialized;
        state = State.DEAD;
        api.stop(0);
        synchronized (outputLock) {
            readOutput(); // what it printed last (an init error, say) is in the log before anyone hears of the exit
            if (partialLine.size() > 0) {
                endLine();
            }
        }
        pool.log("EXIT pid " + process.pid() + " with status " + process.exitValue());
        byte[] exitError = lambdaError("Runtime.ExitError", "Error: Runtime exited with error: " + exitReason());
        PendingInvocation invocation = current;
        if (invocation != null) {
            invocation.fail("Runtime.ExitError", lambdaError("Runtime.ExitError", "RequestId: "
                    + invocation.requestId + " Error: Runtime exited with error: " + exitReason()));
        }
        pool.exited(this, initFailed ? (initFailure != null ? initFailure : exitError) : null);
    }

    /** Lambda's wording: "signal: killed" for a JVM killed by SIGKILL (status 137 here), else the exit status. */
    private String exitReason() {
        return process.exitValue() == 128 + 9 ? "signal: killed" : "exit status " + process.exitValue();
    }

    /**
     * Polls rather than blocking in a read: a read that returned outside {@link #outputLock} could hold output the
     * JVM wrote before asking for its next invocation, and that output would then be counted as the next one's.
     */
    private void copyOutputToLog() {
        try {
            while (process.isAlive()) {
                synchronized (outputLock) {
                    readOutput();
                }
                Thread.sleep(settings.outputPoll()); // also read at once on each result, before each dispatch and on exit
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs each complete line the JVM has written so far; call with {@link #outputLock} held. */
    private void readOutput() {
        try {
            InputStream output = process.getInputStream();
            for (int available = output.available(); available > 0; available = output.available()) {
                for (byte b : output.readNBytes(available)) {
                    if (b == '\n') {
                        endLine();
                    } else {
                        partialLine.write(b);
                    }
                }
            }
        } catch (IOException closed) {
            // the JVM is gone and its output with it
        }
    }

    private void endLine() {
        String line = partialLine.toString(StandardCharsets.UTF_8);
        pool.output(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, lastDispatched);
        partialLine.reset();
    }

    private static String traceId() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.substring(0, 24)
                + ";Parent=" + hex.substring(16, 32) + ";Sampled=0";
    }
}
