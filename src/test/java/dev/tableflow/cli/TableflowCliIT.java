package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/tableflow against the test bed as against a deployed stack: found by its CloudFormation outputs in moto, its
 * requests put on the bed's bus, followed to their outcomes in the stack's outcome log group, with the real functions
 * and ASL behind them.
 */
class TableflowCliIT extends WorkflowTestBase {

    private CliStack stack;

    @BeforeEach
    void deployedStack() {
        bed.reset();
        assertThat(bed.bootstrap().succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        stack = new CliStack(bed);
    }

    @AfterEach
    void closeStack() {
        stack.close();
    }

    @Test
    void applyOnboardsTheSampleEndsWithATablePerTopicAndARerunWritesNothing() throws Exception {
        String cluster = bed.confluent.kafkaClusterId();

        CliStack.Run apply = stack.run("apply", "-f", "examples/topics.yaml", "--auto-approve");

        assertThat(apply.exit()).as(apply.err() + apply.out()).isZero();
        assertThat(apply.out()).contains("topic2").contains("orders")
                .contains("athena: SELECT * FROM \"" + cluster + "\".\"topic2\" LIMIT 10")
                .contains("athena: SELECT * FROM \"" + cluster + "\".\"orders\" LIMIT 10");
        assertThat(apply.out().lines().filter(l -> l.matches("(topic2|orders) +onboarded +" + cluster + "\\.(topic2|orders)"))).hasSize(2);
        // No terminal: progress is plain lines, each naming every topic, the last with both onboarded.
        assertThat(apply.out()).doesNotContain("\r").contains("topic2: onboarded orders: onboarded");
        assertThat(bed.glue.getTables(r -> r.databaseName(cluster)).tableList()).extracting(t -> t.name()).contains("topic2", "orders");
        assertThat(apply.requests()).containsOnly("TopicOnboardingRequested");

        long writes = bed.confluent.writes();
        CliStack.Run rerun = stack.run("apply", "-f", "examples/topics.yaml", "--auto-approve", "--json");

        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(bed.confluent.writes()).as("a rerun writes nothing on Confluent").isEqualTo(writes);
        JsonNode result = TestBed.parse(rerun.out());
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("topics")).extracting(t -> t.path("topic").asText() + " " + t.path("result").asText() + " " + t.path("query").asText())
                .containsExactly("topic2 onboarded SELECT * FROM \"" + cluster + "\".\"topic2\" LIMIT 10",
                        "orders onboarded SELECT * FROM \"" + cluster + "\".\"orders\" LIMIT 10");

        CliStack.Run status = stack.run("status", "--json");

        assertThat(status.exit()).as(status.err() + status.out()).isZero();
        JsonNode report = TestBed.parse(status.out()).path("report");
        assertThat(report.path("healthy").asBoolean()).isTrue();
        assertThat(report.path("topics")).extracting(t -> t.path("name").asText()).contains("topic2", "orders");
        assertThat(status.requests()).containsExactly("TableflowStatusRequested");

        CliStack.Run offboard = stack.run("offboard", "orders");

        assertThat(offboard.exit()).as(offboard.err()).isZero();
        assertThat(offboard.out()).isEqualTo("orders: offboarded\n");
        assertThat(offboard.requests()).containsExactly("TopicOffboardingRequested");

        CliStack.Run delete = stack.run("offboard", "topic2", "--delete-topic", "--delete-schema");

        assertThat(delete.exit()).as(delete.err()).isZero();
        assertThat(delete.out()).contains("topic2: offboarded (topic deleted: true, schema deleted: true)");
        assertThat(delete.requests()).as("deleting data has its own detail-type").containsExactly("TopicDataDeletionRequested");
    }

    @Test
    void aStackRefusalAndAFailedOffboardingExitNonZeroWithTheStacksMessage() throws Exception {
        CliStack.Run offboard = stack.run("offboard", "payments");

        assertThat(offboard.exit()).isEqualTo(1);
        assertThat(offboard.out()).startsWith("payments: offboarding failed at ").contains("'payments' is not a topic this stack onboarded");

        CliStack.Run plan = stack.run("plan", "-f", "examples/topics.yaml");

        // The stack answers the dry run with its plan (README "Plan before apply"), writing nothing.
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).startsWith("Plan:\n").contains("  topic2: ", "  orders: ", "Nothing is refused.");
        assertThat(plan.requests()).containsExactly("TopicOnboardingRequested");
        assertThat(bed.topicRecords()).as("a plan onboards nothing").isEmpty();
    }

    /** At a terminal apply asks after the plan: any answer but "yes" sends nothing more; "yes" applies, progress on one line. */
    @Test
    void atATerminalApplyAsksAndOnlyYesApplies() throws Exception {
        CliStack.Run declined = stack.runAtTerminal("y\n", "apply", "-f", "examples/topics.yaml");

        assertThat(declined.exit()).isEqualTo(1);
        assertThat(declined.out()).startsWith("Plan:\n");
        assertThat(declined.err()).contains("Apply this plan to " + CliStack.STACK + "? Only 'yes' applies it: ", "not applied: not confirmed");
        assertThat(declined.requests()).as("the dry run only").containsExactly("TopicOnboardingRequested");
        assertThat(bed.topicRecords()).isEmpty();

        CliStack.Run applied = stack.runAtTerminal("yes\n", "apply", "-f", "examples/topics.yaml");

        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(applied.requests()).as("the dry run, then the request").containsExactly("TopicOnboardingRequested", "TopicOnboardingRequested");
        assertThat(applied.out()).as("progress rewrites one line in place").contains("\r\033[2K[").contains("topic2: onboarded orders: onboarded\n");
        assertThat(bed.topicRecords()).hasSize(2);
    }

    @Test
    void aMalformedFileAndAnUnknownStackAreRefusedBeforeAnythingIsSent() throws Exception {
        Path file = Files.writeString(Files.createTempFile("topics", ".yaml"), "topics:\n  topic2:\n    partitions: 0\n");

        CliStack.Run malformed = stack.run("apply", "-f", file.toString(), "--auto-approve");

        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("tableflow: " + file + " is not a valid topics file").contains("/topics/topic2/partitions")
                .doesNotContain("\tat ");
        assertThat(malformed.requests()).isEmpty();

        CliStack.Run unknown = stack.run("status", "--stack", "tableflow-onboarding-nope");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("tableflow: no stack tableflow-onboarding-nope in us-east-1").doesNotContain("\tat ");
        assertThat(unknown.requests()).isEmpty();
        assertThat(List.of(malformed.out(), unknown.out())).containsOnly("");
    }
}
