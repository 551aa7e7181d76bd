package dev.tableflow.onboarding.testbed.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static dev.tableflow.onboarding.testbed.lambda.HttpExchanges.utf8;

/** An invocation from the moment it is queued until a runtime instance (or Lambda itself) settles it. */
final class PendingInvocation {

    final String function;
    final String invokedArn;
    final String requestId = UUID.randomUUID().toString();
    final byte[] payload;
    private final Instant queued = Instant.now();
    private final CompletableFuture<Invocation> outcome = new CompletableFuture<>();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final Consumer<Invocation> recorder;
    private volatile boolean coldStart;
    private volatile Instant dispatched;

    PendingInvocation(String function, String invokedArn, byte[] payload, Consumer<Invocation> recorder) {
        this.function = function;
        this.invokedArn = invokedArn;
        this.payload = payload;
        this.recorder = recorder;
    }

    void dispatched(boolean coldStart) {
        this.coldStart = coldStart;
        this.dispatched = Instant.now();
    }

    /** It waited for an init that failed: a cold start no handler ever saw. */
    void initFailed() {
        this.coldStart = true;
    }

    /** Settles the invocation; the first outcome wins (a response racing a timeout, say). */
    boolean succeed(byte[] response) {
        return settle(response, null);
    }

    boolean fail(String errorType, byte[] errorDocument) {
        return settle(errorDocument, errorType);
    }

    boolean isDone() {
        return settled.get();
    }

    CompletableFuture<Invocation> outcome() {
        return outcome;
    }

    private boolean settle(byte[] response, String errorType) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        Instant now = Instant.now();
        Invocation invocation = new Invocation(function, requestId, utf8(payload), utf8(response), errorType,
                coldStart, Duration.between(queued, now), dispatched == null ? null : Duration.between(dispatched, now));
        recorder.accept(invocation); // recorded before the caller wakes, so it sees its own invocation
        outcome.complete(invocation);
        return true;
    }
}
