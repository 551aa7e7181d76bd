package dev.tableflow.onboarding.testbed.confluent;

/**
 * The lifecycle of something Confluent sets up asynchronously (catalog integrations, TableFlow topics): it stays
 * pending until clients have looked at it a given number of times, then it is ready — or failed, if a test asked.
 * Counting observations rather than wall-clock time keeps tests fast and deterministic.
 */
final class Provisioning {
    enum State { PENDING, READY, FAILED }

    private int observationsLeft;
    private String failure;
    private State state = State.PENDING;

    Provisioning(int observationsUntilSettled, String failure) {
        this.observationsLeft = observationsUntilSettled;
        this.failure = failure;
        if (observationsUntilSettled <= 0) {
            settle();
        }
    }

    /** A GET showed the resource (a list counts for every resource it matches); returns the state to show. */
    State observe() {
        if (state == State.PENDING && --observationsLeft <= 0) {
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
