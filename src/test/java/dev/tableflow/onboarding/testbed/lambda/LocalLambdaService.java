package dev.tableflow.onboarding.testbed.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tableflow.onboarding.testbed.lambda.HttpExchanges.sendJson;

/**
 * Runs the packaged functions the way AWS Lambda does, for tests: each function is a JVM started from
 * {@code function.zip} by AWS's own Runtime Interface Client, fed through the Lambda Runtime API, and callers
 * reach it through the Lambda Invoke API at {@link #endpoint()} (point an AWS SDK's Lambda client there, or
 * {@code AWS_ENDPOINT_URL_LAMBDA}).
 * <p>
 * Functions start on their first invocation and stay warm until {@link #close()}. Their output is kept per
 * function ({@link #logs(String)}) and every invocation is recorded ({@link #invocations()}).
 */
public final class LocalLambdaService implements AutoCloseable {

    /** {@code /2015-03-31/functions/{FunctionName}/invocations}; the name may be a name, partial or full ARN. */
    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    private static final Pattern ARN_PREFIX = Pattern.compile("^(arn:aws[a-z-]*:lambda:[^:]+:)?\\d{12}:function:");

    private final PackagedApp app;
    private final RuntimeSettings settings;
    private final Map<String, FunctionPool> functions = new LinkedHashMap<>();
    private final List<Invocation> invocations;
    private final HttpServer invokeApi;
    private final Thread shutdownHook = new Thread(this::stopFunctions);

    private LocalLambdaService(PackagedApp app, RuntimeSettings settings, Collection<FunctionSpec> specs,
                               List<Invocation> invocations) throws IOException {
        this.app = app;
        this.settings = settings;
        this.invocations = invocations;
        specs.forEach(spec -> functions.put(spec.logicalId(), new FunctionPool(spec, settings)));
        invokeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        invokeApi.createContext("/2015-03-31/functions/", this::handleInvoke);
        invokeApi.setExecutor(settings.executor());
        invokeApi.start();
        Runtime.getRuntime().addShutdownHook(shutdownHook); // no function JVM outlives a test JVM that skips close()
    }

    public static Builder builder(Path functionZip) {
        return new Builder(functionZip);
    }

    /** The Invoke API's base URL. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + invokeApi.getAddress().getPort());
    }

    public String functionArn(String logicalId) {
        return pool(logicalId).arn();
    }

    /** The unzipped package, e.g. to list its {@link PackagedApp#handlers() handlers}. */
    public PackagedApp app() {
        return app;
    }

    /** Invokes synchronously, without HTTP; same queue, instances and records as the Invoke API. */
    public Invocation invoke(String functionName, String payload) {
        FunctionPool pool = pool(functionName);
        return await(pool, pool.submit(payload.getBytes(StandardCharsets.UTF_8), invokedArn(pool, functionName)));
    }

    /**
     * Kills every running JVM of the function with SIGKILL, as when its runtime dies (out of memory, a crash of the
     * sandbox), and returns once they are gone. The invocation each was serving ends the way Lambda reports a dead
     * runtime, errorType {@code Runtime.ExitError}; the next invocation starts a fresh JVM. Crash tests call it from a
     * test server's hook, so the function dies after its write took effect and before it could do what follows.
     *
     * @return how many JVMs were killed
     */
    public int kill(String logicalId) {
        return pool(logicalId).killAll();
    }

    /** Completed invocations, oldest first. */
    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /** What the function's JVMs printed, with Lambda's START/END lines around each invocation. */
    public String logs(String logicalId) {
        return pool(logicalId).log();
    }

    /**
     * What the function printed while serving one invocation ({@link Invocation#requestId()}), without the test bed's
     * START/END lines: its JVM's output from the invocation's dispatch until the next one's. Empty if it printed nothing.
     */
    public String output(String requestId) {
        return functions.values().stream().map(pool -> pool.output(requestId)).filter(Objects::nonNull)
                .findFirst().orElse("");
    }

    /** Every function's log, by logical id: for scans such as "no secret ever reaches a log". */
    public Map<String, String> allLogs() {
        Map<String, String> logs = new LinkedHashMap<>();
        functions.forEach((id, pool) -> logs.put(id, pool.log()));
        return logs;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        stopFunctions();
        invokeApi.stop(0);
        settings.scheduler().shutdownNow();
        settings.executor().shutdownNow();
        app.close();
    }

    private void stopFunctions() {
        functions.values().forEach(FunctionPool::close);
    }

    private void handleInvoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getPath());
            FunctionPool pool = path.matches() ? functions.get(unqualifiedName(path.group(1))) : null;
            if (pool == null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "ResourceNotFoundException");
                sendJson(exchange, 404, Map.of("Type", "User", "message", "Function not found: "
                        + (path.matches() ? path.group(1) : exchange.getRequestURI().getPath())));
                return;
            }
            byte[] payload = exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if ("DryRun".equals(type)) {
                HttpExchanges.send(exchange, 204, new byte[0]);
                return;
            }
            PendingInvocation pending = pool.submit(payload, invokedArn(pool, path.group(1)));
            exchange.getResponseHeaders().set("X-Amzn-RequestId", pending.requestId);
            if ("Event".equals(type)) {
                HttpExchanges.send(exchange, 202, new byte[0]);
                return;
            }
            Invocation invocation = await(pool, pending);
            exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
            if (invocation.failed()) {
                exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            }
            HttpExchanges.send(exchange, 200, invocation.response().getBytes(StandardCharsets.UTF_8));
        }
    }

    private Invocation await(FunctionPool pool, PendingInvocation pending) {
        // The instance enforces init and function timeouts; this bound only guards against a test bed bug.
        Duration bound = settings.initTimeout().plus(pool.spec().timeout()).plusSeconds(30);
        try {
            return pending.outcome().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking " + pool.spec().logicalId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("invocation of " + pool.spec().logicalId() + " never settled", e);
        }
    }

    private FunctionPool pool(String functionName) {
        FunctionPool pool = functions.get(unqualifiedName(functionName));
        if (pool == null) {
            throw new IllegalArgumentException("no function " + functionName + "; known: " + functions.keySet());
        }
        return pool;
    }

    /** The ARN the function sees as invoked: qualified when the caller named an alias or version, as in Lambda. */
    private static String invokedArn(FunctionPool pool, String nameOrArn) {
        String qualifier = FunctionName.parse(nameOrArn).qualifier();
        return qualifier == null ? pool.arn() : pool.arn() + ":" + qualifier;
    }

    private static String unqualifiedName(String nameOrArn) {
        return FunctionName.parse(nameOrArn).name();
    }

    /** A FunctionName as callers give it: {@code Name[:qualifier]}, {@code acct:function:Name...} or a full ARN. */
    private record FunctionName(String name, String qualifier) {
        static FunctionName parse(String nameOrArn) {
            String rest = ARN_PREFIX.matcher(nameOrArn).replaceFirst("");
            int colon = rest.indexOf(':');
            return colon < 0 ? new FunctionName(rest, null)
                    : new FunctionName(rest.substring(0, colon), rest.substring(colon + 1));
        }
    }

    public static final class Builder {
        private final Path functionZip;
        private final List<FunctionSpec> functions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String region = "us-east-1";
        private int maxInstancesPerFunction = 1;
        private Duration initTimeout = Duration.ofSeconds(60);
        private Duration outputPoll = Duration.ofMillis(10);
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private PrintStream echo;

        private Builder(Path functionZip) {
            this.functionZip = functionZip;
        }

        public Builder functions(Collection<FunctionSpec> specs) {
            functions.addAll(specs);
            return this;
        }

        public Builder function(FunctionSpec spec) {
            functions.add(spec);
            return this;
        }

        /** Variables for every function (AWS_ENDPOINT_URL, credentials, TABLEFLOW_*), over the template's. */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Like reserved concurrency: invocations beyond it queue. Default 1. */
        public Builder maxInstancesPerFunction(int max) {
            this.maxInstancesPerFunction = max;
            return this;
        }

        /** How long a JVM may take to reach its first {@code /next} (Quarkus boot included). Default 60 s. */
        public Builder initTimeout(Duration initTimeout) {
            this.initTimeout = initTimeout;
            return this;
        }

        /**
         * How often a running JVM's output is read, for {@link #logs} while an invocation is in flight. Default 10 ms.
         * Output is also read at once whenever an invocation settles, so it never waits for this.
         */
        public Builder outputPoll(Duration outputPoll) {
            this.outputPoll = outputPoll;
            return this;
        }

        /** The JDK that runs the functions; default: the one running the tests. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        /** Copies function output to {@code out} as it arrives, prefixed with the function's logical id. */
        public Builder echoLogsTo(PrintStream out) {
            this.echo = out;
            return this;
        }

        public LocalLambdaService start() {
            requireResolvableEnvironment();
            PackagedApp app = PackagedApp.unzip(functionZip);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("lambda-timeouts").factory());
            List<Invocation> invocations = new CopyOnWriteArrayList<>();
            RuntimeSettings settings = new RuntimeSettings(app.taskRoot(), new JavaRuntime(javaHome),
                    Map.copyOf(environment), region, maxInstancesPerFunction, initTimeout, outputPoll, scheduler, executor, echo,
                    invocations::add);
            try {
                return new LocalLambdaService(app, settings, functions, invocations);
            } catch (IOException e) {
                app.close();
                throw new UncheckedIOException("cannot start the Lambda Invoke API", e);
            }
        }

        /** Values only CloudFormation can compute must come from the test bed, or the function would see none. */
        private void requireResolvableEnvironment() {
            List<String> missing = new ArrayList<>();
            for (FunctionSpec spec : functions) {
                spec.unresolvedEnvironment().stream()
                        .filter(variable -> !environment.containsKey(variable))
                        .forEach(variable -> missing.add(spec.logicalId() + "." + variable));
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("template.yaml sets these variables with intrinsics (!Ref, !Sub, ...);"
                        + " give them values with environment(...): " + missing);
            }
        }
    }
}
