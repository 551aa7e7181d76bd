package dev.tableflow.onboarding.observability;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.tableflow.onboarding.testbed.sfn.TaskState;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Lambda entry point in functions/ is observed (its log lines carry the step's context, and it emits its
 * metrics), and every one a workflow invokes reads the invocation the Task state passes.
 */
class ObservedHandlersTest {

    @Test
    void everyHandlerIsObservedAndEveryWorkflowStepReadsItsInvocation() throws IOException, ClassNotFoundException {
        List<String> names;
        try (Stream<Path> files = Files.list(Path.of("functions"))) {
            names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith("Function.java"))
                    .map(f -> f.substring(0, f.length() - ".java".length())).sorted().toList();
        }
        // The steps a Task state of some workflow invokes.
        Set<String> workflowSteps = TaskState.all().stream().map(task -> task.function().replaceFirst("Function$", ""))
                .collect(Collectors.toSet());

        assertThat(names).hasSizeGreaterThanOrEqualTo(21);
        assertThat(workflowSteps).hasSizeGreaterThanOrEqualTo(20);
        for (String name : names) {
            Class<?> handler = Class.forName("dev.tableflow.onboarding.functions." + name);
            if (Modifier.isAbstract(handler.getModifiers())) {
                continue; // what some entry points share (RequestIntakeFunction), not an entry point
            }
            // The intakes alone read their events as bytes (StartOnboardingFunction says why).
            assertThat(RequestHandler.class.isAssignableFrom(handler) || RequestStreamHandler.class.isAssignableFrom(handler)).as(name).isTrue();
            assertThat(handler.isAnnotationPresent(Named.class)).as(name).isTrue();
            assertThat(handler.isAnnotationPresent(Observed.class)).as(name + " is @Observed").isTrue();
            if (workflowSteps.contains(handler.getAnnotation(Named.class).value())) {
                assertThat(Invocation.Carrier.class).as(name + "'s input carries the invocation")
                        .isAssignableFrom(inputOf(handler));
            }
        }
    }

    private static Class<?> inputOf(Class<?> handler) {
        Method method = Arrays.stream(handler.getDeclaredMethods())
                .filter(m -> m.getName().equals("handleRequest") && !m.isBridge()).findFirst().orElseThrow();
        return method.getParameterTypes()[0];
    }
}
