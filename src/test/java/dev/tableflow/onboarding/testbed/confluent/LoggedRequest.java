package dev.tableflow.onboarding.testbed.confluent;

import java.time.Instant;

/**
 * One request as the server saw it.
 *
 * @param status   HTTP status sent, or 0 when the connection was reset by a fault
 * @param mutating whether the matched operation changes state (POST/PUT/PATCH/DELETE, except read-only POSTs such as
 *                 Schema Registry lookups)
 * @param fault    the injected fault, or null
 */
public record LoggedRequest(Instant at, String requestId, String method, String path, String query, int status,
                            boolean mutating, String fault) {

    /** A state-changing request the server accepted (2xx). */
    public boolean write() {
        return mutating && status >= 200 && status < 300;
    }

    /** A non-mutating request the server answered successfully. */
    public boolean read() {
        return !mutating && status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null || query.isEmpty() ? "" : "?" + query) + " -> "
                + (status == 0 ? "connection reset" : status) + (fault != null ? " [fault " + fault + "]" : "");
    }
}
