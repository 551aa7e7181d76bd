package dev.tableflow.onboarding.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Task state that invokes one of our functions, in every workflow of statemachine/, tells it the execution id
 * and its retry count: the function's logs and metrics carry them (observability/Invocation). Nothing else about the
 * call travels, to keep the state payloads small.
 */
class TaskInvocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode INVOCATION = JSON.createObjectNode()
            .put("executionId.$", "$$.Execution.Id").put("retryCount.$", "$$.State.RetryCount");
    /** Our functions, as template.yaml substitutes them; service integrations (events:putEvents, ...) take no invocation. */
    private static final Pattern FUNCTION = Pattern.compile("\\$\\{\\w+FunctionArn}");

    @Test
    void everyTaskStateThatInvokesAFunctionPassesTheInvocation() throws IOException {
        List<String> tasks = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("statemachine"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".asl.json")).sorted().toList()) {
                collect(file.getFileName() + ":", JSON.readTree(file.toFile()), tasks, missing);
            }
        }

        assertThat(tasks).as("Task states invoking a function").hasSizeGreaterThanOrEqualTo(24);
        assertThat(missing).as("Task states without Parameters.invocation = " + INVOCATION).isEmpty();
    }

    private static void collect(String where, JsonNode machine, List<String> tasks, List<String> missing) {
        machine.path("States").properties().forEach(entry -> {
            JsonNode state = entry.getValue();
            String name = where + entry.getKey();
            if (state.path("Type").asText().equals("Task") && FUNCTION.matcher(state.path("Resource").asText()).matches()) {
                tasks.add(name);
                if (!INVOCATION.equals(state.path("Parameters").path("invocation"))) {
                    missing.add(name);
                }
            }
            for (String nested : new String[] {"ItemProcessor", "Iterator"}) {
                if (state.has(nested)) {
                    collect(name + "/", state.get(nested), tasks, missing);
                }
            }
            state.path("Branches").forEach(branch -> collect(name + "/", branch, tasks, missing));
        });
    }
}
