package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The test bed as the CLI meets a deployed stack: a CloudFormation stack in moto whose outputs name the bed's real bus,
 * onboarding state machine and outcome log group; and, standing in for the template's request rules (whose targets
 * moto cannot run), a rule on the bus delivering each request to a queue, from which {@link #run} hands it to the
 * target template.yaml gives its detail-type, exactly as delivered: the onboarding or the offboarding intake function
 * (then the real ASL on the execution it started), or the status function.
 */
public final class CliStack implements AutoCloseable {

    static final String STACK = "tableflow-onboarding-" + TestBed.ENVIRONMENT;
    static final List<String> REQUESTS = List.of("TopicOnboardingRequested", "TopicOffboardingRequested", "TopicDataDeletionRequested",
            "TableflowStatusRequested");
    /** A guard against a CLI that never ends, not an assertion: the onboarding of two topics takes well under it. */
    static final Duration GUARD = Duration.ofMinutes(10);

    public record Run(int exit, String out, String err, List<String> requests) {}

    private final TestBed bed;
    private final SqsClient sqs;
    private final String queueUrl;

    public CliStack(TestBed bed) {
        this.bed = bed;
        var moto = bed.moto.endpoint();
        this.sqs = TestBed.client(SqsClient.builder(), moto, TestBed.REGION).build();
        String onboarding;
        try (SfnClient sfn = TestBed.client(SfnClient.builder(), moto, TestBed.REGION).build()) {
            onboarding = sfn.listStateMachines().stateMachines().stream().filter(m -> m.name().equals("OnboardingStateMachine"))
                    .findFirst().orElseThrow().stateMachineArn();
        }
        try (CloudFormationClient cloudFormation = TestBed.client(CloudFormationClient.builder(), moto, TestBed.REGION).build()) {
            cloudFormation.createStack(r -> r.stackName(STACK).templateBody("""
                    {"Resources": {"Marker": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "cli-stack-marker"}}},
                     "Outputs": {"EventBusName": {"Value": "%s"}, "OnboardingStateMachineArn": {"Value": "%s"},
                                 "OutcomeLogGroupName": {"Value": "%s"}}}""".formatted(TestBed.EVENT_BUS, onboarding, TestBed.OUTCOME_LOG_GROUP)));
        }
        queueUrl = sqs.createQueue(r -> r.queueName("cli-requests")).queueUrl();
        try (EventBridgeClient events = TestBed.client(EventBridgeClient.builder(), moto, TestBed.REGION).build()) {
            events.putRule(r -> r.name("cli-requests").eventBusName(TestBed.EVENT_BUS).eventPattern(
                    "{\"source\":[\"tableflow.onboarding\"],\"detail-type\":[\"" + String.join("\",\"", REQUESTS) + "\"]}"));
            events.putTargets(r -> r.rule("cli-requests").eventBusName(TestBed.EVENT_BUS)
                    .targets(t -> t.id("queue").arn("arn:aws:sqs:" + TestBed.REGION + ":" + TestBed.ACCOUNT + ":cli-requests")));
        }
    }

    /** Runs bin/tableflow as a user would, delivering the requests it sends while it runs; no terminal. */
    public Run run(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tableflow", ".out");
        Path err = Files.createTempFile("tableflow", ".err");
        List<String> command = new ArrayList<>(List.of("bin/tableflow"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(Map.of("JAVA_HOME", System.getProperty("java.home"), "AWS_ENDPOINT_URL", bed.moto.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "AWS_REGION", TestBed.REGION));
        Process process = builder.start();
        List<String> delivered = new ArrayList<>();
        Instant guard = Instant.now().plus(GUARD);
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            delivered.addAll(deliver());
            if (Instant.now().isAfter(guard)) {
                process.destroyForcibly();
                throw new AssertionError("tableflow " + args + " still running after " + GUARD + ": " + Files.readString(out));
            }
        }
        delivered.addAll(deliver());
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), delivered);
    }

    /**
     * Runs the CLI in this JVM as a person at a terminal would, answering its question with {@code answer}, delivering
     * the requests it sends while it runs. The AWS SDK's default chain finds the test credentials in system properties.
     */
    Run runAtTerminal(String answer, String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(answer)), true);
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", bed.moto.endpoint().toString(), "AWS_REGION", TestBed.REGION);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Tableflow.run(args, io, environment, GUARD));
        List<String> delivered = new ArrayList<>();
        Instant guard = Instant.now().plus(GUARD);
        while (!exit.isDone()) {
            delivered.addAll(deliver());
            Thread.sleep(200);
            if (Instant.now().isAfter(guard)) {
                throw new AssertionError("tableflow " + List.of(args) + " still running after " + GUARD + ": " + out);
            }
        }
        delivered.addAll(deliver());
        return new Run(exit.join(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), delivered);
    }

    /** The detail-types of the requests delivered. */
    private List<String> deliver() {
        List<String> delivered = new ArrayList<>();
        for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()) {
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            JsonNode event = TestBed.parse(message.body());
            String detailType = event.path("detail-type").asText();
            delivered.add(detailType);
            switch (detailType) {
                case "TopicOnboardingRequested" -> {
                    Invocation intake = bed.lambda.invoke("StartOnboardingFunction", message.body());
                    if (!intake.failed()) {
                        // Under the intake's name, as Step Functions runs it: a plan names the execution it answers.
                        bed.runStartedExecution(intake.responseJson().path("executionName").asText(), true);
                    }
                }
                case "TableflowStatusRequested" -> bed.lambda.invoke("ReportStatusFunction", message.body());
                default -> {
                    Invocation intake = bed.lambda.invoke("AcceptOffboardingRequestFunction", message.body());
                    if (!intake.failed()) {
                        String execution = intake.responseJson().path("executionName").asText();
                        bed.run("OffboardingStateMachine", bed.startedExecutions("OffboardingStateMachine").get(execution));
                    }
                }
            }
        }
        return delivered;
    }

    @Override
    public void close() {
        sqs.close();
    }
}
