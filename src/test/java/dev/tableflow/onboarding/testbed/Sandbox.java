package dev.tableflow.onboarding.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.monitoring.MetricsWindow;
import dev.tableflow.onboarding.observability.EmfSpec;
import dev.tableflow.onboarding.testbed.confluent.MetricsApi;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * The main job, locally: bootstraps the {@code dev} environment and onboards {@code topic2} through the real state
 * machines, packaged functions, moto and the Confluent Cloud test server, printing each step and the outcome; then
 * runs the TableFlow metrics function once and prints what it published. Run it with {@code mvn -DskipTests package exec:java@sandbox}.
 */
public final class Sandbox {

    private Sandbox() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        int status;
        try (TestBed bed = TestBed.start(out)) {
            out.println("\n== Bootstrap of environment '" + TestBed.ENVIRONMENT + "' (statemachine/bootstrap.asl.json), triggered by events/stack-update-complete.json");
            ExecutionResult bootstrap = bed.bootstrap();
            report(out, bootstrap);
            status = bootstrap.succeeded() ? 0 : 1;
            if (bootstrap.succeeded()) {
                String detail = TestBed.sampleDetail("onboard-topic2.json");
                out.println("\n== Onboarding requested by events/onboard-topic2.json: " + detail);
                ExecutionResult onboarding = bed.onboard(detail);
                report(out, onboarding);
                for (JsonNode event : bed.outcomeEvents()) {
                    out.println("\n== Outcome event on bus " + TestBed.EVENT_BUS + ": " + event.path("detail-type").asText());
                    out.println(event.path("detail").toPrettyString());
                }
                out.println("\n== Query it (Athena, database = Kafka cluster id):");
                out.println("SELECT event_type, COUNT(*) FROM \"" + bed.confluent.kafkaClusterId() + "\".\"topic2\" GROUP BY event_type;");
                out.printf("%nConfluent calls: %d writes, %d reads. AWS calls: %d, of which %d writes.%n",
                        bed.confluent.writes(), bed.confluent.reads(), bed.aws.calls().size(), bed.aws.writes());
                status = onboarding.succeeded() ? 0 : 1;
                if (onboarding.succeeded()) {
                    status = publishMetrics(out, bed);
                }
            }
        }
        System.exit(status);
    }

    /**
     * The test server's Metrics API is given figures for topic2 (standing in for TableFlow's), then the function runs as
     * its schedule runs it; each EMF document it printed is a datapoint CloudWatch would file under its minute.
     */
    private static int publishMetrics(PrintStream out, TestBed bed) {
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
            return 1;
        }
        bed.lambda.output(run.requestId()).lines().filter(line -> line.startsWith("{")).map(EmfSpec::parseLine)
                .filter(document -> EmfSpec.isEmf(document) && document.has("TopicName")).forEach(document -> {
                    StringBuilder line = new StringBuilder(Instant.ofEpochMilli(document.path("_aws").path("Timestamp").asLong()) + "  Environment="
                            + document.path("Environment").asText() + " TopicName=" + document.path("TopicName").asText() + " ");
                    document.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics")
                            .forEach(metric -> line.append(" ").append(metric.path("Name").asText()).append('=')
                                    .append(document.path(metric.path("Name").asText()).asLong()));
                    out.println(line);
                });
        out.println("-> " + run.responseJson());
        return 0;
    }

    /** The engine's echo already printed each state and the final output. */
    private static void report(PrintStream out, ExecutionResult run) {
        out.println("-> " + run.status() + (run.succeeded() ? "" : ": " + run.error() + ": " + run.cause()));
    }
}
