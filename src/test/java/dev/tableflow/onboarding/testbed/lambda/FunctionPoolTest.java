package dev.tableflow.onboarding.testbed.lambda;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionPoolTest {

    /**
     * Instances of one function run side by side (a Map state's iterations), each writing its JVM's output and its
     * START/END lines to the function's one log: every line must arrive whole, or a test reading the log for, say,
     * an EMF document would find it glued to another instance's line.
     */
    @Test
    void linesFromInstancesServingSideBySideStayWholeInTheFunctionsLog() {
        FunctionPool pool = new FunctionPool(FunctionSpec.of("Echo", "EchoHandler", Duration.ofSeconds(5)),
                new RuntimeSettings(null, null, Map.of(), "us-east-1", 8, Duration.ofSeconds(5), Duration.ofMillis(10),
                        null, null, null, invocation -> { }));
        int writers = 8;
        int lines = 2_000;
        try (ExecutorService executor = Executors.newFixedThreadPool(writers)) {
            IntStream.range(0, writers).forEach(w -> executor.submit(() -> IntStream.range(0, lines)
                    .forEach(i -> pool.log("instance " + w + " line " + i))));
        }

        List<String> logged = pool.log().lines().toList();

        assertThat(logged).as("lines glued to another").filteredOn(line -> !line.matches("instance \\d line \\d+")).isEmpty();
        assertThat(logged).hasSize(writers * lines);
    }
}
