package dev.tableflow.onboarding.observability;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Lambda entry point in functions/ is observed: its logs carry the step's context, and it emits its metrics. */
class ObservedHandlersTest {

    @Test
    void everyHandlerIsObserved() throws IOException, ClassNotFoundException {
        List<String> names;
        try (Stream<Path> files = Files.list(Path.of("functions"))) {
            names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith("Function.java"))
                    .map(f -> f.substring(0, f.length() - ".java".length())).sorted().toList();
        }

        assertThat(names).hasSizeGreaterThanOrEqualTo(21);
        for (String name : names) {
            Class<?> handler = Class.forName("dev.tableflow.onboarding.functions." + name);
            assertThat(RequestHandler.class.isAssignableFrom(handler)).as(name).isTrue();
            assertThat(handler.isAnnotationPresent(Named.class)).as(name).isTrue();
            assertThat(handler.isAnnotationPresent(Observed.class)).as(name + " is @Observed").isTrue();
        }
    }
}
