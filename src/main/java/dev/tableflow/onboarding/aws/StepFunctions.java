package dev.tableflow.onboarding.aws;

import jakarta.enterprise.context.ApplicationScoped;

/** Step Functions for the intake: it starts an execution, and reads one back when the name is taken. */
@ApplicationScoped
public class StepFunctions {

    /**
     * The error for a name already used, with another input or by an execution that has ended; the same name and
     * input of a running execution answers that execution.
     */
    public static final String ALREADY_EXISTS = "ExecutionAlreadyExists";

    private final AwsApi aws;

    public StepFunctions(AwsApi aws) {
        this.aws = aws;
    }

    /** @return the execution's ARN */
    public String startExecution(String stateMachineArn, String name, String input) {
        return aws.json(AwsApi.STEP_FUNCTIONS, "StartExecution",
                AwsApi.object().put("stateMachineArn", stateMachineArn).put("name", name).put("input", input)).path("executionArn").asText();
    }

    /** The input the execution was started with. */
    public String executionInput(String executionArn) {
        return aws.json(AwsApi.STEP_FUNCTIONS, "DescribeExecution", AwsApi.object().put("executionArn", executionArn)).path("input").asText();
    }

    /** An execution's ARN is its state machine's, in the execution namespace, with its name appended. */
    public static String executionArn(String stateMachineArn, String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }
}
