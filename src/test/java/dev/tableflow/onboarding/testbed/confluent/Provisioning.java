package dev.tableflow.onboarding.testbed.confluent;

import java.time.Instant;

/**
 * The lifecycle of something Confluent sets up asynchronously (catalog integrations, TableFlow topics): it stays
 * pending until clients have looked at it a given number of times, or until a given moment, then it is ready — or
 * failed, if a test asked. Counting observations keeps the tests fast and deterministic; a moment on the wall clock is
 * what the readiness benchmark and its IT need, since they measure how soon after it a client notices.
 */
final class Provisioning {
    enum State { PENDING, READY, FAILED }

    private int observationsLeft;
    /** When it becomes ready by the clock, or null when observations count. */
    private final Instant readyAt;
    private String failure;
    private State state = State.PENDING;

    Provisioning(int observationsUntilSettled, String failure) {
        this(observationsUntilSettled, null, failure);
        if (observationsUntilSettled <= 0) {
            settle();
        }
    }

    /** Ready (or failed) at {@code readyAt}, however often it was looked at before. */
    Provisioning(Instant readyAt, String failure) {
        this(0, readyAt, failure);
    }

    private Provisioning(int observationsLeft, Instant readyAt, String failure) {
        this.observationsLeft = observationsLeft;
        this.readyAt = readyAt;
        this.failure = failure;
    }

    /** A GET showed the resource (a list counts for every resource it matches); returns the state to show. */
    State observe() {
        if (state == State.PENDING && (readyAt == null ? --observationsLeft <= 0 : !Instant.now().isBefore(readyAt))) {
            settle();
        }
        return state;
    }

    void failNow(String message) {
        failure = message;
        state = State.FAILED;
    }

    State state() {
        return state;
    }

    String failure() {
        return failure;
    }

    private void settle() {
        state = failure == null ? State.READY : State.FAILED;
    }
}
