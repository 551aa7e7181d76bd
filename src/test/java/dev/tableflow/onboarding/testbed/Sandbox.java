package dev.tableflow.onboarding.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.cli.CliStack;
import dev.tableflow.onboarding.monitoring.MetricsWindow;
import dev.tableflow.onboarding.observability.EmfSpec;
import dev.tableflow.onboarding.testbed.confluent.MetricsApi;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The main job, locally: bootstraps the {@code dev} environment and runs one scenario through the real state machines,
 * packaged functions, moto and the Confluent Cloud test server, printing each step, what each resource became, the
 * outcome events and the calls made. Run it with {@code mvn -DskipTests package exec:java@sandbox}, and pick a
 * scenario with {@code -Dsandbox.scenario=NAME} ({@link #SCENARIOS}, or any sample in events/).
 */
public final class Sandbox {

    /** The scenarios by name; an events/ file name is a scenario too (see {@link #sample}). */
    static final Map<String, String> SCENARIOS = Map.of(
            "onboard", "bootstrap, onboard topic2 (events/onboard-topic2.json), send the same request again (it writes nothing), run the TableFlow metrics function",
            "bad-request", "a request the intake refuses (partitions 0), answered by OnboardingRequestRejected",
            "topics", "examples/topics.yaml through the command line (bin/tableflow): plan, then apply --auto-approve",
            "<file>.json", "any sample of events/: bootstrap, onboard topic2 first unless the sample is itself an onboarding, then the sample");

    private final PrintStream out;
    private final TestBed bed;

    private Sandbox(PrintStream out, TestBed bed) {
        this.out = out;
        this.bed = bed;
    }

    public static void main(String[] args) {
        String scenario = args.length == 0 || args[0].isBlank() ? "onboard" : args[0];
        PrintStream out = System.out;
        if (!SCENARIOS.containsKey(scenario) && !(scenario.endsWith(".json") && Files.isRegularFile(Path.of("events", scenario)))) {
            out.println("No scenario \"" + scenario + "\". Scenarios:");
            SCENARIOS.forEach((name, what) -> out.printf("  %-16s %s%n", name, what));
            System.exit(2);
        }
        int status;
        try (TestBed bed = TestBed.start(out)) {
            status = new Sandbox(out, bed).run(scenario) ? 0 : 1;
        }
        System.exit(status);
    }

    private boolean run(String scenario) {
        if (!step("Bootstrap of environment '" + TestBed.ENVIRONMENT + "' (statemachine/bootstrap.asl.json), triggered by events/stack-update-complete.json",
                TestBed::bootstrap)) {
            return false;
        }
        boolean succeeded = switch (scenario) {
            case "onboard" -> onboardTopic2() && rerun() && publishMetrics();
            case "bad-request" -> badRequest();
            case "topics" -> topicsFile();
            default -> sample(scenario);
        };
        printOutcomes();
        out.printf("%nConfluent calls: %d writes, %d reads. AWS calls: %d, of which %d writes.%n",
                bed.confluent.writes(), bed.confluent.reads(), bed.aws.calls().size(), bed.aws.writes());
        return succeeded;
    }

    private boolean onboardTopic2() {
        String detail = TestBed.sampleDetail("onboard-topic2.json");
        boolean done = step("Onboarding requested by events/onboard-topic2.json: " + detail, b -> b.onboard(detail));
        if (done) {
            out.println("\nQuery it (Athena, database = Kafka cluster id):");
            out.println("  SELECT event_type, COUNT(*) FROM \"" + bed.confluent.kafkaClusterId() + "\".\"topic2\" GROUP BY event_type;");
        }
        return done;
    }

    /** The same request again: every step looks its resource up and adopts it. */
    private boolean rerun() {
        long confluentWrites = bed.confluent.writes();
        long awsWrites = resourceWrites();
        ObjectNode detail = TestBed.parse(TestBed.sampleDetail("onboard-topic2.json")).deepCopy();
        detail.put("requestId", "sandbox-rerun");
        boolean done = step("The same request again (with a requestId, so that it is not taken for the first one)", b -> b.onboard(detail.toString()));
        out.printf("Rerun: %d writes to Confluent, %d to AWS resources (the intake's StartExecution and the outcome event aside)%n",
                bed.confluent.writes() - confluentWrites, resourceWrites() - awsWrites);
        return done;
    }

    private long resourceWrites() {
        return bed.aws.writes() - bed.aws.writes("states") - bed.aws.writes("events");
    }

    private boolean badRequest() {
        String detail = "{\"topics\":[{\"name\":\"orders\",\"partitions\":0}]}";
        out.println("\n== A request the intake refuses: " + detail);
        var invocation = bed.requestOnboarding(detail);
        out.println("-> " + (invocation.failed() ? "refused: " + invocation.errorMessage() : "accepted (unexpected)"));
        out.println("Executions started: " + bed.startedExecutions().size());
        return invocation.failed() && bed.startedExecutions().isEmpty();
    }

    /** The declarative topics file through the command line, as a platform team runs it against a deployed stack. */
    private boolean topicsFile() {
        try (CliStack stack = new CliStack(bed)) {
            for (List<String> command : List.of(List.of("plan", "-f", "examples/topics.yaml"),
                    List.of("apply", "-f", "examples/topics.yaml", "--auto-approve"))) {
                out.println("\n== tableflow " + String.join(" ", command));
                CliStack.Run run = stack.run(command.toArray(String[]::new));
                out.print(run.out());
                if (run.exit() != 0) {
                    out.print(run.err());
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run bin/tableflow", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Any sample of events/, delivered the way template.yaml's rule for its detail-type delivers it. */
    private boolean sample(String file) {
        JsonNode entry = TestBed.parse(TestBed.readEvent(file)).path(0);
        String detailType = entry.path("DetailType").asText();
        String detail = entry.path("Detail").asText();
        String title = detailType + " from events/" + file + ": " + detail;
        return switch (detailType) {
            case "TopicOnboardingRequested" -> step(title, b -> b.onboard(detail));
            case "TableflowBootstrapRequested" -> step(title, b -> b.run("BootstrapStateMachine", b.delivered(detailType, detail)));
            // Through the intakes, as the rules deliver them: the detail-type says whether data may be deleted.
            case "TopicOffboardingRequested", "TopicDataDeletionRequested" -> onboardTopic2()
                    && step(title, b -> b.request("AcceptOffboardingRequestFunction", "OffboardingStateMachine", detailType, detail));
            case "TableflowTeardownRequested" -> onboardTopic2()
                    && step(title, b -> b.request("AcceptTeardownRequestFunction", "TeardownStateMachine", detailType, detail));
            case "TableflowStatusRequested" -> onboardTopic2() && status(title, detailType, detail);
            case "TopicResumeRequested" -> onboardTopic2() && resume(title, detailType, detail);
            default -> {
                out.println("\nevents/" + file + " is not a request the stack takes (" + detailType + ")");
                yield false;
            }
        };
    }

    /** Resuming a running topic changes nothing; the function answers TopicResumed with outcome UNCHANGED. */
    private boolean resume(String title, String detailType, String detail) {
        out.println("\n== " + title);
        Invocation invocation = bed.lambda.invoke("ResumeTableflowTopicFunction", bed.delivered(detailType, detail));
        out.println("-> " + (invocation.failed() ? "refused: " + invocation.errorMessage() : invocation.response()));
        return !invocation.failed();
    }

    private boolean status(String title, String detailType, String detail) {
        out.println("\n== " + title + " (ReportStatus, invoked by its rule)");
        var invocation = bed.lambda.invoke("ReportStatusFunction", bed.delivered(detailType, detail));
        out.println(invocation.failed() ? "-> failed: " + invocation.errorMessage() : invocation.responseJson().toPrettyString());
        return !invocation.failed();
    }

    private boolean step(String title, Function<TestBed, ExecutionResult> run) {
        out.println("\n== " + title);
        ExecutionResult result = run.apply(bed);
        out.println("-> " + result.status() + (result.succeeded() ? "" : ": " + result.error() + ": " + result.cause()));
        if (result.succeeded()) {
            ResultTable.print(out, result);
        }
        return result.succeeded();
    }

    private void printOutcomes() {
        List<JsonNode> events = bed.outcomeEvents();
        if (events.isEmpty()) {
            return;
        }
        out.println("\n== Outcome events (also in the stack's log group " + TestBed.OUTCOME_LOG_GROUP + ")");
        for (JsonNode event : events) {
            JsonNode detail = event.path("detail");
            String about = detail.has("topic") ? "topic " + detail.path("topic").asText() : "environment " + detail.path("environment").asText();
            String what = detail.has("cause") ? detail.path("step").asText() + ": " + detail.path("cause").asText()
                    : detail.has("table") ? "table " + detail.path("table").path("database").asText() + "." + detail.path("table").path("table").asText()
                    : "";
            out.printf("  %-28s %-20s %s%n", event.path("detail-type").asText(), about, what);
        }
    }

    /** The TableFlow metrics function, run once by its schedule over figures recorded for topic2 on the test server. */
    private boolean publishMetrics() {
        Instant scheduled = Instant.ofEpochMilli(Math.floorDiv(Instant.now().toEpochMilli(), MetricsWindow.SPAN.toMillis()) * MetricsWindow.SPAN.toMillis());
        MetricsWindow window = MetricsWindow.of(scheduled);
        for (int i = 0; i < MetricsWindow.SPAN.toMinutes(); i++) {
            Instant minute = window.start().plus(Duration.ofMinutes(i));
            bed.confluent.metrics().record(MetricsApi.ROWS_ADDED, "topic2", minute, 1200 + 37 * i);
            bed.confluent.metrics().record(MetricsApi.ROWS_SKIPPED, "topic2", minute, i == 3 ? 2 : 0);
            bed.confluent.metrics().record(MetricsApi.KAFKA_TOPIC_OFFSET, "topic2", minute, 90_000 + 1250 * i);
            bed.confluent.metrics().record(MetricsApi.TABLE_OFFSET, "topic2", minute, 89_400 + 1250 * i);
        }
        out.println("\n== TableFlow metrics: PublishTableflowMetrics, run by its 5-minute schedule (events/publish-tableflow-metrics-scheduled.json)"
                + " at " + scheduled + ", reads window " + window.interval() + " and publishes, in namespace TableflowOnboarding:");
        Invocation run = bed.lambda.invoke("PublishTableflowMetricsFunction",
                TestBed.readEvent("publish-tableflow-metrics-scheduled.json").replace("2026-12-07T10:05:00Z", scheduled.toString()));
        if (run.failed()) {
            out.println("-> " + run.errorType() + ": " + run.errorMessage());
            return false;
        }
        List<JsonNode> documents = bed.lambda.output(run.requestId()).lines().filter(line -> line.startsWith("{")).map(EmfSpec::parseLine)
                .filter(document -> EmfSpec.isEmf(document) && document.has("TopicName")).toList();
        documents.forEach(document -> {
            StringBuilder line = new StringBuilder(Instant.ofEpochMilli(document.path("_aws").path("Timestamp").asLong()) + "  Environment="
                    + document.path("Environment").asText() + " TopicName=" + document.path("TopicName").asText() + " ");
            document.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics")
                    .forEach(metric -> line.append(" ").append(metric.path("Name").asText()).append('=')
                            .append(document.path(metric.path("Name").asText()).asLong()));
            out.println(line);
        });
        bed.cloudwatch.publish(documents);
        out.println("   put into CloudWatch (moto) as it extracts them, the TableFlow alarms' contributors (topic: state) are then:");
        bed.cloudwatch.alarmResources().values().stream().filter(alarm -> alarm.has("Metrics")).map(bed.cloudwatch::name).forEach(name -> {
            StringBuilder line = new StringBuilder("   " + name + " ");
            bed.cloudwatch.contributors(name, scheduled.plus(MetricsWindow.SPAN))
                    .forEach((topic, alarm) -> line.append(' ').append(topic).append(": ").append(alarm ? "ALARM" : "OK"));
            out.println(line);
        });
        out.println("-> " + run.responseJson());
        return true;
    }
}
