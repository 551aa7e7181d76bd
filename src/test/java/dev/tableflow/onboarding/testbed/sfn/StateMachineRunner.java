package dev.tableflow.onboarding.testbed.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the state machines of a SAM template with a real ASL engine (aws-local-stepfunctions, through
 * {@code src/test/node/run-execution.mjs}), their Lambda Tasks invoking a
 * {@link dev.tableflow.onboarding.testbed.lambda.LocalLambdaService}.
 * <p>
 * Retry pauses and Wait states are cut to 0 ms by default, so Retry, Catch and MaxAttempts run as written without
 * the wall-clock time; {@link #retryIntervalMs(Long)} and {@link #waitMs(Long)} change that (null: as written).
 */
public final class StateMachineRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path projectDir;
    private final Path template;
    private final URI lambdaEndpoint;
    private final Map<String, String> substitutions = new LinkedHashMap<>();
    private URI awsEndpoint;
    private String region = "us-east-1";
    private Long retryIntervalMs = 0L;
    private Long waitMs = 0L;
    private Duration timeout = Duration.ofMinutes(5);
    private PrintStream echo;

    /**
     * @param projectDir     where {@code node_modules} and {@code src/test/node} are
     * @param template       the SAM template declaring the state machines
     * @param lambdaEndpoint the Lambda Invoke API the Tasks call
     */
    public StateMachineRunner(Path projectDir, Path template, URI lambdaEndpoint) {
        this.projectDir = projectDir.toAbsolutePath();
        this.template = template.toAbsolutePath();
        this.lambdaEndpoint = lambdaEndpoint;
    }

    /** Where AWS service integrations (events:putEvents) go: the AWS recording proxy. */
    public StateMachineRunner awsEndpoint(URI endpoint) {
        this.awsEndpoint = endpoint;
        return this;
    }

    public StateMachineRunner region(String region) {
        this.region = region;
        return this;
    }

    /** A value for a DefinitionSubstitution only CloudFormation could compute ({@code !Ref Bus}, {@code !Sub}). */
    public StateMachineRunner substitution(String key, String value) {
        substitutions.put(key, value);
        return this;
    }

    public StateMachineRunner retryIntervalMs(Long millis) {
        this.retryIntervalMs = millis;
        return this;
    }

    public StateMachineRunner waitMs(Long millis) {
        this.waitMs = millis;
        return this;
    }

    /** The longest an execution may run before the runner kills it and fails. Default 5 minutes. */
    public StateMachineRunner timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Prints one readable line per step to {@code out} as the execution runs. */
    public StateMachineRunner echoTo(PrintStream out) {
        this.echo = out;
        return this;
    }

    public ExecutionResult run(String stateMachine, JsonNode input) {
        return run(stateMachine, input.toString());
    }

    public ExecutionResult run(String stateMachine, String inputJson) {
        return run(stateMachine, inputJson, null);
    }

    /** @param executionName {@code $$.Execution.Name} (and the end of {@code $$.Execution.Id}); a random one when null */
    public ExecutionResult run(String stateMachine, String inputJson, String executionName) {
        List<String> args = new ArrayList<>(List.of(script("run-execution.mjs"), template.toString(), stateMachine,
                "--lambda-endpoint", lambdaEndpoint.toString(), "--region", region, "--input", "-"));
        if (executionName != null) {
            args.addAll(List.of("--execution-name", executionName));
        }
        if (awsEndpoint != null) {
            args.addAll(List.of("--aws-endpoint", awsEndpoint.toString()));
        }
        substitutions.forEach((key, value) -> args.addAll(List.of("--substitution", key + "=" + value)));
        if (retryIntervalMs != null) {
            args.addAll(List.of("--retry-interval-ms", retryIntervalMs.toString()));
        }
        if (waitMs != null) {
            args.addAll(List.of("--wait-ms", waitMs.toString()));
        }
        List<JsonNode> events = new ArrayList<>();
        List<JsonNode> results = new ArrayList<>();
        String stderr = node(args, inputJson, line -> {
            JsonNode json = parse(line);
            if (json.has("status")) {
                results.add(json);
            } else {
                events.add(json);
                echo(json);
            }
        });
        if (results.isEmpty() || results.getLast().path("status").asText().equals("ERROR")) {
            String reason = results.isEmpty() ? "no result" : results.getLast().path("cause").asText();
            throw new IllegalStateException("cannot run " + stateMachine + ": " + reason + "\n" + stderr);
        }
        JsonNode result = results.getLast();
        return new ExecutionResult(result.path("status").asText(), result.get("output"),
                result.path("error").asText(null), result.path("cause").asText(null), List.copyOf(events),
                result.path("executionArn").asText(null));
    }

    /** Problems asl-validator finds in one definition file (SAM placeholders allowed); empty when valid. */
    public List<String> validate(Path aslFile) {
        List<String> problems = new ArrayList<>();
        node(List.of(script("validate-asl.mjs"), aslFile.toAbsolutePath().toString()), "",
                line -> parse(line).path("problems").forEach(p -> problems.add(p.asText())));
        return problems;
    }

    private String script(String name) {
        return projectDir.resolve("src/test/node").resolve(name).toString();
    }

    /** Runs node with the polyfill, feeding {@code stdin} and each stdout line to {@code onLine}; returns stderr. */
    private String node(List<String> args, String stdin, Consumer<String> onLine) {
        List<String> command = new ArrayList<>(List.of("node", "--import",
                projectDir.resolve("src/test/node/polyfill.mjs").toUri().toString()));
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(projectDir.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node (Node 20+ must be on PATH): " + command, e);
        }
        StringBuilder stderr = new StringBuilder();
        Thread errors = Thread.ofVirtual().start(() -> readLines(process.getErrorStream(),
                line -> stderr.append(line).append('\n')));
        Thread output = Thread.ofVirtual().start(() -> readLines(process.getInputStream(), onLine));
        try (Writer in = process.outputWriter(StandardCharsets.UTF_8)) {
            in.write(stdin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                        .forEach(ProcessHandle::destroyForcibly);
                throw new IllegalStateException("node did not finish within " + timeout + ": " + command
                        + "\n" + stderr);
            }
            output.join();
            errors.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        return stderr.toString();
    }

    private static void readLines(InputStream stream, Consumer<String> onLine) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank()).forEach(onLine);
        } catch (IOException | UncheckedIOException ended) {
            // the process was killed
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("node printed a line that is not JSON: " + line, e);
        }
    }

    /** The last error and message of each state, for the line its retry prints. */
    private final Map<String, String[]> failures = new ConcurrentHashMap<>();

    private String lastFailure(String state) {
        return failures.getOrDefault(state, new String[] {"", ""})[0];
    }

    private String lastCause(String state) {
        return failures.getOrDefault(state, new String[] {"", ""})[1];
    }

    /** A Lambda error's message ("step: resource: cause") without the step the line names already. */
    private static String causeOf(JsonNode event) {
        String cause = event.path("cause").asText();
        try {
            JsonNode parsed = JSON.readTree(cause);
            if (parsed.path("errorMessage").isTextual()) {
                cause = parsed.path("errorMessage").asText();
            }
        } catch (JsonProcessingException notJson) {
            // a States.* error's cause is plain text
        }
        String[] parts = cause.split(": ", 2);
        return parts.length == 2 ? parts[1] : cause;
    }

    /** One readable line per step, for people following an execution (the newcomer sandbox prints these). */
    private void echo(JsonNode event) {
        if (echo == null) {
            return;
        }
        String index = event.has("index") ? "[" + event.path("index").asInt() + "] " : "";
        String state = index + event.path("state").asText();
        String line = switch (event.path("type").asText()) {
            case "StateEntered" -> "  enter   " + state + " (" + event.path("stateType").asText() + ")";
            // A check that is not ready yet is polling, not failing: its retry says so (see StateRetried).
            case "StateFailed" -> event.path("error").asText().endsWith(".NotReadyException") ? null
                    : "  failed  " + state + ": " + event.path("error").asText() + ": " + causeOf(event);
            case "StateRetried" -> event.path("errorEquals").toString().contains("NotReadyException") && lastFailure(state).endsWith(".NotReadyException")
                    ? "  waiting " + state + ": " + lastCause(state) + " (poll " + event.path("attempt").asInt() + ")"
                    : "  retry   " + state + " #" + event.path("attempt").asInt();
            case "StateCaught" -> "  caught  " + state + " -> " + event.path("next").asText();
            default -> null;
        };
        if ("StateFailed".equals(event.path("type").asText())) {
            failures.put(state, new String[] {event.path("error").asText(), causeOf(event)});
        }
        if (line != null) {
            echo.println(line);
        }
    }
}
