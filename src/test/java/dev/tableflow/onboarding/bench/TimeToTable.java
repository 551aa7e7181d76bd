package dev.tableflow.onboarding.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How soon after its table became queryable a team hears of it: one topic's onboarding, timed from its request to its
 * {@code TopicOnboarded}, against the floor, the moment the Confluent test server registered the table in Glue (the
 * last resource to become ready, TimedReadiness) plus what must still follow it: the ConfirmGlueTable invocation that
 * saw the table, when it began after the table appeared (a check must follow readiness, cold start and all), then the
 * engine's time to the end of PublishTopicOnboarded. When the invocation that saw it had begun before (an in-process
 * poll saw it), its last check counts as lateness, so the ratio errs against the workflow. Used by the
 * {@code tabletime} bench section and TimeToTableIT.
 *
 * @param readyAfter      from the request to the TableFlow topic RUNNING and SYNCED
 * @param tableAfter      from the request to the table registered in Glue
 * @param floor           what no client could beat: the table registered, plus the calls after it
 * @param tableflowPolls  GETs of the topic's TableFlow topic (one by EnsureTableflowTopic's look-up, the rest CheckTableflowTopic's)
 * @param invocations     Lambda invocations of the topic's execution
 * @param transitions     its states entered plus retries, as Step Functions bills them
 * @param lambdaMillis    the invocations' durations, billed
 */
public record TimeToTable(String topic, Duration readyAfter, Duration tableAfter, Duration elapsed, Duration floor, long tableflowPolls,
                          long invocations, long transitions, long lambdaMillis) {

    /** At most the floor + 5 s, or 1.05 × the floor where that is larger (issue 24). */
    public Duration target() {
        Duration share = Duration.ofMillis(Math.round(floor.toMillis() * 1.05));
        Duration plus = floor.plusSeconds(5);
        return share.compareTo(plus) > 0 ? share : plus;
    }

    public boolean met() {
        return elapsed.compareTo(target()) <= 0;
    }

    public double ratio() {
        return (double) elapsed.toMillis() / floor.toMillis();
    }

    /** List prices as BENCHMARKS.md "State transitions and cost": transitions, Lambda requests and GB-seconds. */
    public double cost(int memoryMb) {
        double gbSeconds = lambdaMillis / 1000.0 * memoryMb / 1024.0;
        return transitions * ApiEconomy.PRICE_PER_TRANSITION + invocations * ApiEconomy.PRICE_PER_REQUEST
                + gbSeconds * ApiEconomy.PRICE_PER_GB_SECOND;
    }

    /**
     * @param requested when the request was sent to the intake
     * @param run       the execution that onboarded {@code topic} alone
     */
    public static TimeToTable of(TestBed bed, String topic, Instant requested, ExecutionResult run) {
        Instant running = bed.confluent.tableflowTopics().runningAt(topic)
                .orElseThrow(() -> new IllegalStateException(topic + " was not made ready by the clock"));
        Instant table = bed.confluent.tableflowTopics().glueTableAt(topic)
                .orElseThrow(() -> new IllegalStateException(topic + ": no table was registered in Glue"));
        Instant confirmed = lastExit(run, "ConfirmGlueTable");
        Instant onboarded = lastExit(run, "PublishTopicOnboarded");
        long polls = bed.confluent.requests().all().stream()
                .filter(r -> r.method().equals("GET") && r.path().endsWith("/tableflow-topics/" + topic)).count();
        List<Invocation> invocations = bed.lambda.invocations().stream()
                .filter(i -> i.request() != null && i.request().contains(run.executionArn())).toList();
        Invocation saw = invocations.stream().filter(i -> i.function().contains("ConfirmGlueTable") && !i.failed())
                .reduce((first, second) -> second).orElseThrow(() -> new IllegalStateException(topic + ": no ConfirmGlueTable succeeded"));
        Instant sawFrom = confirmed.minus(saw.duration());
        Duration floor = Duration.between(requested, table).plus(Duration.between(sawFrom.isAfter(table) ? sawFrom : confirmed, onboarded));
        long transitions = run.events("StateEntered").size() + run.events("StateRetried").size();
        long millis = invocations.stream().mapToLong(i -> Math.max(1, i.duration().toMillis())).sum();
        return new TimeToTable(topic, Duration.between(requested, running), Duration.between(requested, table),
                Duration.between(requested, onboarded), floor, polls,
                invocations.size(), transitions, millis);
    }

    private static Instant lastExit(ExecutionResult run, String state) {
        JsonNode exit = run.events("StateExited").stream().filter(e -> e.path("state").asText().equals(state))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException(state + " never completed: " + run.status() + " " + run.cause()));
        return Instant.ofEpochMilli(exit.path("timestamp").asLong());
    }
}
