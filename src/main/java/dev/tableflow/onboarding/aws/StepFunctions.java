package dev.tableflow.onboarding.aws;

import jakarta.enterprise.context.ApplicationScoped;

/** Step Functions StartExecution, the intake's only AWS call. */
@ApplicationScoped
public class StepFunctions {

    /** The error for a name already used with another input; the same name and input answers the existing execution. */
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
}
