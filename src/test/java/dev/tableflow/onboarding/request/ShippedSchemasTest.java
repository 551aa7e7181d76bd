package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped topic schemas are checked here, when the package is built, instead of on every request: a broken
 * file under schemas/json/values/ fails the build rather than every onboarding that names it. Inline schemas are
 * checked by the intake and by EnsureTopic (BadInputIT), apart from the topic's shape.
 */
class ShippedSchemasTest {

    private static final Path SHIPPED = Path.of(JsonSchemas.SHIPPED);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StepContext CONTEXT = new StepContext("StartOnboarding", "test");

    static List<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            List<Path> schemas = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
            assertThat(schemas).as("schemas under " + SHIPPED).isNotEmpty();
            return schemas;
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyShippedSchemaIsAValidJsonSchemaOnTheClasspath(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        assertThat(JsonSchemas.problems(Files.readString(file))).as(file.toString()).isEmpty();
        assertThat(JsonSchemas.ships(name)).as(name + " on the classpath").isTrue();
        assertThat(JsonSchemas.shipped(name)).contains(Files.readString(file));
    }

    @Test
    void theCheckTheBuildRunsRefusesWhatIsNoJsonSchema() {
        assertThat(JsonSchemas.problems("{\"type\":\"bogus\"}")).isNotEmpty();
        assertThat(JsonSchemas.ships("no-such-topic-value")).isFalse();
    }

    @Test
    void theTopicsShapeIsCheckedApartFromWhetherItsInlineSchemaIsAJsonSchema() throws IOException {
        String topic = "{\"name\":\"orders\",\"schema\":{\"inline\":{\"type\":\"bogus\"}}}";
        assertThatThrownBy(() -> OnboardingRequest.parse(CONTEXT, JSON.readTree("{\"topics\":[" + topic + "]}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid topics[0].schema.inline: not a valid JSON Schema");
        TopicRequest parsed = OnboardingRequest.topic(CONTEXT, "topic", JSON.readTree(topic));
        assertThat(parsed.schema().inline()).isEqualTo(JSON.readTree("{\"type\":\"bogus\"}"));
        assertThatThrownBy(() -> OnboardingRequest.requireValidInlineSchema(CONTEXT, "topic", parsed))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid topic.schema.inline: not a valid JSON Schema");
        OnboardingRequest.requireValidInlineSchema(CONTEXT, "topic",
                OnboardingRequest.topic(CONTEXT, "topic", JSON.readTree("{\"name\":\"topic2\"}")));
        assertThatThrownBy(() -> OnboardingRequest.topic(CONTEXT, "topic", JSON.readTree("{\"name\":\"orders\",\"schema\":{\"inline\":[]}}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("topic.schema.inline");
    }
}
