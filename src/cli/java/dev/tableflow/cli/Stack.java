package dev.tableflow.cli;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the CLI needs of a deployed stack, from its CloudFormation outputs (template.yaml's Outputs): the bus requests
 * go to, the onboarding state machine whose executions it follows, and the log group the outcomes land in.
 */
record Stack(String name, String eventBus, String onboardingStateMachine, String outcomeLogGroup) {

    static final String BUS = "EventBusName";
    static final String ONBOARDING = "OnboardingStateMachineArn";
    static final String OUTCOMES = "OutcomeLogGroupName";

    static Stack find(CloudFormationClient cloudFormation, String name, String region) {
        Map<String, String> outputs;
        try {
            outputs = cloudFormation.describeStacks(r -> r.stackName(name)).stacks().getFirst().outputs().stream()
                    .collect(Collectors.toMap(Output::outputKey, Output::outputValue, (a, b) -> a));
        } catch (CloudFormationException e) {
            // CloudFormation answers a stack that is not there with a ValidationError "Stack with id X does not exist".
            throw new CliException(e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())
                    ? "no stack " + name + " in " + region + " (" + e.awsErrorDetails().errorMessage() + "): deploy it, or name it with --stack / --env and --region"
                    : "cannot read the stack " + name + ": " + Aws.firstLine(e.getMessage()));
        }
        return new Stack(name, output(outputs, name, BUS), output(outputs, name, ONBOARDING), output(outputs, name, OUTCOMES));
    }

    private static String output(Map<String, String> outputs, String stack, String key) {
        String value = outputs.get(key);
        if (value == null || value.isBlank()) {
            throw new CliException("the stack " + stack + " has no output " + key + ": is it a tableflow-onboarding stack, deployed from this version?");
        }
        return value;
    }
}
