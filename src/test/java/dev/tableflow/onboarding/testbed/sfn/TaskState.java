package dev.tableflow.onboarding.testbed.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Task states of statemachine/ that invoke one of our functions ({@code ${<Step>FunctionArn}}, as template.yaml
 * substitutes them), those inside Maps and Parallel branches included; service integrations are not among them.
 *
 * @param where    the file and the path of enclosing states, e.g. {@code onboarding.asl.json:OnboardTopics/}
 * @param name     the state's name, as execution histories show it
 * @param function the logical id of the function it invokes, e.g. {@code PublishOutcomeFunction}
 */
public record TaskState(String where, String name, String function, JsonNode state) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FUNCTION = Pattern.compile("\\$\\{(\\w+Function)Arn}");

    public static List<TaskState> all() {
        List<TaskState> tasks = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("statemachine"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".asl.json")).sorted().toList()) {
                collect(file.getFileName() + ":", JSON.readTree(file.toFile()), tasks);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tasks;
    }

    private static void collect(String where, JsonNode machine, List<TaskState> tasks) {
        machine.path("States").properties().forEach(entry -> {
            JsonNode state = entry.getValue();
            Matcher function = FUNCTION.matcher(state.path("Resource").asText());
            if (state.path("Type").asText().equals("Task") && function.matches()) {
                tasks.add(new TaskState(where, entry.getKey(), function.group(1), state));
            }
            for (String nested : new String[] {"ItemProcessor", "Iterator"}) {
                if (state.has(nested)) {
                    collect(where + entry.getKey() + "/", state.get(nested), tasks);
                }
            }
            state.path("Branches").forEach(branch -> collect(where + entry.getKey() + "/", branch, tasks));
        });
    }
}
