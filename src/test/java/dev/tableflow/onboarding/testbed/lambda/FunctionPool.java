package dev.tableflow.onboarding.testbed.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The execution environments of one function: a queue of invocations and the warm instances serving it.
 * <p>
 * Instances start lazily, on the first invocation, and scale up to the configured concurrency when invocations
 * queue up with no instance free; the rest wait in the queue. An instance whose init fails fails the invocations
 * queued behind it (as Lambda answers them with the init error) and the next invocation tries a fresh one.
 */
final class FunctionPool {

    private final FunctionSpec spec;
    private final RuntimeSettings settings;
    private final BlockingQueue<PendingInvocation> queue = new LinkedBlockingQueue<>();
    private final List<RuntimeInstance> instances = new ArrayList<>();
    private final StringBuffer log = new StringBuffer();
    private final Map<String, StringBuffer> outputByRequest = new ConcurrentHashMap<>();
    private boolean closed;

    FunctionPool(FunctionSpec spec, RuntimeSettings settings) {
        this.spec = spec;
        this.settings = settings;
    }

    FunctionSpec spec() {
        return spec;
    }

    RuntimeSettings settings() {
        return settings;
    }

    String arn() {
        return settings.functionArn(spec.logicalId());
    }

    PendingInvocation submit(byte[] payload, String invokedArn) {
        PendingInvocation invocation = new PendingInvocation(spec.logicalId(), invokedArn, payload,
                settings.recorder());
        queue.add(invocation);
        ensureCapacity();
        return invocation;
    }

    /** Blocks an instance's {@code /next} until there is work, or returns null once {@code gone} says so. */
    PendingInvocation awaitInvocation(BooleanSupplier gone) {
        try {
            while (!gone.getAsBoolean()) {
                PendingInvocation invocation = queue.poll(200, TimeUnit.MILLISECONDS);
                if (invocation != null && !invocation.isDone()) {
                    return invocation;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Called by an instance whose JVM ended; {@code initFailure} is the error document if it never got ready. */
    synchronized void exited(RuntimeInstance instance, byte[] initFailure) {
        instances.remove(instance);
        if (initFailure != null && instances.isEmpty()) {
            // Take the waiting invocations first: a caller woken by its failure may queue a new one at once,
            // and that one deserves a fresh init attempt, not this failure.
            List<PendingInvocation> waiting = new ArrayList<>();
            queue.drainTo(waiting);
            String type = errorTypeOf(initFailure);
            waiting.forEach(invocation -> {
                invocation.initFailed();
                invocation.fail(type, initFailure);
            });
        }
        ensureCapacity();
    }

    /** Kills every instance's JVM and waits until each has exited; returns how many there were. */
    int killAll() {
        List<RuntimeInstance> running;
        synchronized (this) {
            running = List.copyOf(instances);
        }
        running.forEach(RuntimeInstance::killAndWait);
        return running.size();
    }

    void log(String line) {
        log.append(line + '\n'); // one append: instances serving side by side write to this log from their own threads
        if (settings.echo() != null) {
            settings.echo().println("[" + spec.logicalId() + "] " + line);
        }
    }

    String log() {
        return log.toString();
    }

    /** A line the function's JVM printed, while serving {@code invocation} (null: during init). */
    void output(String line, PendingInvocation invocation) {
        log(line);
        if (invocation != null) {
            outputByRequest.computeIfAbsent(invocation.requestId, id -> new StringBuffer()).append(line + '\n');
        }
    }

    /** What the JVM printed while serving the invocation, or null if this pool never served it. */
    String output(String requestId) {
        StringBuffer output = outputByRequest.get(requestId);
        return output == null ? null : output.toString();
    }

    synchronized void close() {
        closed = true;
        instances.forEach(RuntimeInstance::kill);
        List<PendingInvocation> waiting = new ArrayList<>();
        queue.drainTo(waiting);
        waiting.forEach(invocation -> invocation.fail("Runtime.Shutdown",
                HttpExchanges.lambdaError("Runtime.Shutdown", "the test bed closed")));
    }

    private synchronized void ensureCapacity() {
        long available = instances.stream().filter(RuntimeInstance::isAvailable).count();
        if (!closed && queue.size() > available && instances.size() < settings.maxInstancesPerFunction()) {
            try {
                instances.add(new RuntimeInstance(this));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a JVM for " + spec.logicalId(), e);
            }
        }
    }

    private static String errorTypeOf(byte[] errorDocument) {
        try {
            return HttpExchanges.JSON.readTree(errorDocument).path("errorType").asText("Runtime.Unknown");
        } catch (IOException notJson) {
            return "Runtime.Unknown";
        }
    }
}
