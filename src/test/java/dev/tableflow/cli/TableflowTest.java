package dev.tableflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals before anything is sent: one message naming the problem, exit status 2, no stack trace. */
class TableflowTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader("")), false);
        return Tableflow.run(args, io, environment, Duration.ofSeconds(1));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badArgumentsAreRefusedWithTheUsage() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err()).startsWith("tableflow: no command").contains("usage: tableflow plan -f TOPICS.yaml");
        assertThat(run(Map.of(), "destroy")).isEqualTo(2);
        assertThat(err()).contains("unknown command destroy");
        assertThat(run(Map.of(), "plan")).isEqualTo(2);
        assertThat(err()).contains("plan needs the topics file");
        assertThat(run(Map.of(), "offboard")).isEqualTo(2);
        assertThat(err()).contains("offboard takes one topic name");
        assertThat(run(Map.of(), "status", "--delete-topic")).isEqualTo(2);
        assertThat(run(Map.of(), "status", "--stack")).isEqualTo(2);
        assertThat(err()).contains("--stack needs a value");
        assertThat(run(Map.of(), "status", "--force")).isEqualTo(2);
        assertThat(err()).contains("unknown option --force").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.size()).isZero();
    }

    @Test
    void aMalformedFileIsRefusedBeforeAnyAwsCall() throws Exception {
        Path file = Files.writeString(dir.resolve("topics.yaml"), "topics:\n  topic2:\n    partitions: many\n");

        // No credentials and no region: the file is refused first, so no AWS setting is even looked at.
        assertThat(run(Map.of(), "plan", "-f", file.toString())).isEqualTo(2);

        assertThat(err()).startsWith("tableflow: " + file + " is not a valid topics file").contains("/topics/topic2/partitions")
                .doesNotContain("\tat ");
    }

    @Test
    void applyWithoutATerminalNeedsAutoApprove() {
        assertThat(run(Map.of(), "apply", "-f", "examples/topics.yaml")).isEqualTo(2);

        assertThat(err()).contains("there is no terminal to ask on: pass --auto-approve");
    }

    @Test
    void missingCredentialsAreNamed() {
        Map<String, String> environment = Map.of("AWS_REGION", "us-east-1", "AWS_PROFILE", "tableflow-cli-test-no-such-profile");

        assertThat(run(environment, "status")).isEqualTo(2);

        assertThat(err()).startsWith("tableflow: no AWS credentials for profile tableflow-cli-test-no-such-profile")
                .contains("--profile").doesNotContain("\tat ");
    }
}
