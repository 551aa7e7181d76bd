package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.request.OnboardingRequest;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The topics file: the sample reads into the request the intake accepts, and every malformed file is refused by name. */
class TopicsFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theSampleIsTheRequestTheIntakeParses() {
        TopicsFile file = TopicsFile.read(Path.of("examples", "topics.yaml"));

        assertThat(file.topics()).containsExactly("topic2", "orders");
        JsonNode request = file.request("req-1", false);
        assertThat(request.path("requestId").asText()).isEqualTo("req-1");
        assertThat(request.has("dryRun")).isFalse();
        assertThat(request.path("topics").get(1).path("name").asText()).isEqualTo("orders");
        assertThat(request.path("topics").get(1).path("partitions").asInt()).isEqualTo(3);
        assertThat(OnboardingRequest.parse(new StepContext("test", "sample"), request).topics()).hasSize(2);
        assertThat(file.request("req-2", true).path("dryRun").asBoolean()).isTrue();
    }

    @Test
    void aTopicWithoutSettingsKeepsTheDefaults() throws IOException {
        TopicsFile file = TopicsFile.read(write("topics:\n  topic2:\n"));

        assertThat(file.detail()).isEqualTo(JSON.readTree("{\"topics\":[{\"name\":\"topic2\"}]}"));
    }

    @Test
    void refusesWhatTheIntakeWouldRefuseNamingTheTopic() throws IOException {
        refused("topics:\n  topic2:\n    partitions: 0\n").hasMessageContaining("/topics/topic2/partitions");
        refused("topics:\n  topic2: {}\n  TOPIC2: {schema: {name: topic2-value}}\n").hasMessageStartingWith(dir.resolve("topics.yaml") + ": invalid topics.TOPIC2.name");
        refused("topics:\n  topic2:\n    tableFormat: [ICEBERG]\n").hasMessageContaining("tableFormat");
        refused("topics:\n  topic2:\n    name: other\n").hasMessageContaining("/topics/topic2");
    }

    @Test
    void refusesAFileThatIsNotATopicsMap() throws IOException {
        refused("").hasMessageContaining("empty");
        refused("topics: [topic2]\n").hasMessageContaining("not a valid topics file").hasMessageContaining("/topics");
        refused("topic2:\n  partitions: 1\n").hasMessageContaining("topic2");
        refused("topics:\n  'my topic': {}\n").hasMessageContaining("my topic");
        refused("topics:\n  topic2: {partitions: 1\n").hasMessageContaining("not YAML").hasMessageContaining("line");
        refused("topics:\n  topic2: {}\n  topic2: {}\n").hasMessageContaining("Duplicate field 'topic2'");
        assertThatThrownBy(() -> TopicsFile.read(dir.resolve("absent.yaml")))
                .isInstanceOf(CliException.class).hasMessageContaining("no such file");
    }

    @Test
    void namesFieldsOfTenOrMoreTopicsByTheirOwnKey() {
        java.util.List<String> names = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "t" + i).toList();

        assertThat(TopicsFile.inFile("invalid topics[1].partitions and /topics/11/configs", names))
                .isEqualTo("invalid topics.t1.partitions and /topics/t11/configs");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) throws IOException {
        Path file = write(yaml);
        return assertThatThrownBy(() -> TopicsFile.read(file)).isInstanceOf(CliException.class);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("topics.yaml"), yaml);
    }
}
