package dev.tableflow.onboarding.testbed.confluent;

import java.util.List;

/**
 * A request (the client's fault) or response (the test server's fault) that does not match Confluent's contract.
 *
 * @param direction "REQUEST" or "RESPONSE"
 */
public record ContractViolation(String direction, String method, String path, int status, String specFile,
                                List<String> messages) {

    @Override
    public String toString() {
        return direction + " " + method + " " + path + (direction.equals("RESPONSE") ? " (" + status + ")" : "")
                + " violates " + specFile + ":\n  - " + String.join("\n  - ", messages);
    }
}
