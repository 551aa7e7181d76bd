package dev.tableflow.onboarding.testbed.aws;

/**
 * One request that went through the {@link AwsRecordingProxy}.
 *
 * @param status   the HTTP status the caller received; 0 when the connection was dropped without a response
 * @param injected true when a {@link Fault} answered instead of moto
 */
public record AwsCall(AwsOperation operation, int status, boolean injected) {

    public String service() {
        return operation.service();
    }

    public String action() {
        return operation.action();
    }

    public boolean isWrite() {
        return operation.isWrite();
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return operation.service() + "." + operation.action() + " -> " + status + (injected ? " (injected)" : "");
    }
}
