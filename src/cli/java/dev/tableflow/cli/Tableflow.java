package dev.tableflow.cli;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code tableflow}, the command-line client of a deployed stack (README "Command line"): plan and apply a topics file,
 * the status report, offboarding. Every problem ends in one message on stderr and a non-zero exit status: 2 for a
 * refusal before anything was sent (bad arguments, a malformed file, no stack, no credentials), 1 for a request that
 * failed or was refused by the stack.
 */
public final class Tableflow {

    static final int FAILED = 1;
    static final int REFUSED = 2;

    private Tableflow() {}

    public static void main(String[] args) {
        Io io = new Io(System.out, System.err, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.console() != null);
        System.exit(run(args, io, System.getenv(), Follow.PATIENCE));
    }

    static int run(String[] args, Io io, Map<String, String> environment, Duration patience) {
        int beforeSending = REFUSED;
        try {
            Options options = Options.parse(args);
            TopicsFile file = options.file().map(f -> TopicsFile.read(Path.of(f))).orElse(null);
            if (options.command().equals("apply") && !options.autoApprove() && !io.terminal()) {
                throw new CliException("apply asks before it changes anything, and there is no terminal to ask on: pass --auto-approve (e.g. in CI)");
            }
            Aws aws = Aws.from(options, environment);
            Stack stack;
            try (CloudFormationClient cloudFormation = aws.client(CloudFormationClient.builder())) {
                stack = Stack.find(cloudFormation, options.stack(), aws.region().id());
            }
            beforeSending = FAILED;
            try (EventBridgeClient events = aws.client(EventBridgeClient.builder()); SfnClient sfn = aws.client(SfnClient.builder())) {
                Commands commands = new Commands(options, io, stack, new Bus(events, sfn, stack), new OutcomeLog(aws, stack.outcomeLogGroup()), patience);
                return switch (options.command()) {
                    case "plan" -> commands.plan(file);
                    case "apply" -> commands.apply(file);
                    case "status" -> commands.status();
                    default -> commands.offboard(options.arguments().getFirst());
                };
            }
        } catch (CliException e) {
            io.err().println("tableflow: " + e.getMessage());
            return beforeSending;
        } catch (SdkException e) {
            io.err().println("tableflow: AWS: " + Aws.firstLine(e.getMessage()));
            return beforeSending;
        }
    }
}
