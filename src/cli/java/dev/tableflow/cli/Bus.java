package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.aws.StepFunctions;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

import java.util.Optional;

/** The stack's bus, which every request goes to, and the executions the onboarding intake starts from them. */
final class Bus {

    static final String SOURCE = "tableflow.onboarding";
    private final EventBridgeClient events;
    private final SfnClient stepFunctions;
    private final Stack stack;

    Bus(EventBridgeClient events, SfnClient stepFunctions, Stack stack) {
        this.events = events;
        this.stepFunctions = stepFunctions;
        this.stack = stack;
    }

    /** Puts one request; the id EventBridge gave it. A refused entry (the bus policy, a malformed detail) is the CLI's error. */
    String put(String detailType, JsonNode detail) {
        PutEventsResultEntry entry = events.putEvents(r -> r.entries(e -> e.eventBusName(stack.eventBus()).source(SOURCE)
                .detailType(detailType).detail(detail.toString()))).entries().getFirst();
        if (entry.errorCode() != null) {
            throw new CliException("the bus " + stack.eventBus() + " refused the " + detailType + " request: " + entry.errorCode() + " "
                    + entry.errorMessage() + " (README \"Who may send which request\")");
        }
        return entry.eventId();
    }

    String executionArn(String executionName) {
        return StepFunctions.executionArn(stack.onboardingStateMachine(), executionName);
    }

    /** The execution's status and, once it failed, its error; empty while the intake has not started it yet. */
    Optional<DescribeExecutionResponse> execution(String executionName) {
        try {
            return Optional.of(stepFunctions.describeExecution(r -> r.executionArn(executionArn(executionName))));
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        }
    }
}
