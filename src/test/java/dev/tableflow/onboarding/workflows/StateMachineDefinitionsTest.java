package dev.tableflow.onboarding.workflows;

import dev.tableflow.onboarding.testbed.sfn.StateMachineRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every workflow in statemachine/ passes asl-validator, AWS Step Functions' Amazon States Language validator. */
class StateMachineDefinitionsTest {

    @Test
    void everyDefinitionIsValidAmazonStatesLanguage() throws IOException {
        StateMachineRunner runner = new StateMachineRunner(Path.of(""), Path.of("template.yaml"), URI.create("http://127.0.0.1:1"));
        List<Path> definitions;
        try (Stream<Path> files = Files.list(Path.of("statemachine"))) {
            definitions = files.filter(f -> f.toString().endsWith(".asl.json")).sorted().toList();
        }

        assertThat(definitions).extracting(f -> f.getFileName().toString()).containsExactly("bootstrap.asl.json", "offboarding.asl.json", "onboarding.asl.json",
                "teardown.asl.json");
        for (Path definition : definitions) {
            assertThat(runner.validate(definition)).as(definition.toString()).isEmpty();
        }
    }
}
