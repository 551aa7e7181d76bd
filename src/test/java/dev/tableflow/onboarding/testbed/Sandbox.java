package dev.tableflow.onboarding.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;

import java.io.PrintStream;

/**
 * The main job, locally: bootstraps the {@code dev} environment and onboards {@code topic2} through the real state
 * machines, packaged functions, moto and the Confluent Cloud test server, printing each step and the outcome.
 * Run it with {@code mvn -DskipTests package exec:java@sandbox}.
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
            }
        }
        System.exit(status);
    }

    /** The engine's echo already printed each state and the final output. */
    private static void report(PrintStream out, ExecutionResult run) {
        out.println("-> " + run.status() + (run.succeeded() ? "" : ": " + run.error() + ": " + run.cause()));
    }
}
