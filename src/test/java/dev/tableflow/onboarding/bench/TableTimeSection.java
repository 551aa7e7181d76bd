package dev.tableflow.onboarding.bench;

import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.TimedReadiness;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code tabletime} section: time from a request to {@code TopicOnboarded} against the floor ({@link TimeToTable}),
 * on a test bed of its own with the pauses as deployed (the state machine's Retry intervals as written, the functions'
 * backoff unscaled) and Confluent's readiness by the clock: a new key refused for {@link #KEY_REFUSED}, each topic
 * RUNNING and SYNCED its readiness delay after it was enabled, its Glue table {@link #UNTIL_GLUE_TABLE} later. Every
 * topic is a request of its own, all sent at once, so the section lasts about the longest delay, not their sum. Each
 * function scales to as many execution environments as there are topics, as Lambda would: a check polling in process
 * holds its environment for up to 40 s, and one shared environment would make the other topics queue behind it.
 */
final class TableTimeSection {

    static final Duration KEY_REFUSED = Duration.ofSeconds(10);
    static final Duration UNTIL_GLUE_TABLE = Duration.ofSeconds(5);

    record Result(List<TimeToTable> topics, long glueLookups, double meanLoad, double maxLoad, Duration elapsed) {}

    private final List<Integer> delaysSeconds;
    private final int topicsPerDelay;

    TableTimeSection(List<Integer> delaysSeconds, int topicsPerDelay) {
        this.delaysSeconds = delaysSeconds;
        this.topicsPerDelay = topicsPerDelay;
    }

    Result run() {
        List<Double> loads = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> loads.add(loadAverage()), 0, 10, TimeUnit.SECONDS);
        long started = System.nanoTime();
        try (TestBed bed = TestBed.start(null, Map.of("RUNTIME_BACKOFF_SCALE", "1"), delaysSeconds.size() * topicsPerDelay);
             SfnClient sfn = Benchmarks.sfn(bed)) {
            ApiEconomy.Executions executions = Benchmarks.executions(sfn);
            ExecutionResult bootstrap = bed.bootstrap(); // its pauses cut: it is not what is measured
            if (!bootstrap.succeeded()) {
                throw new IllegalStateException("bootstrap " + bootstrap.status() + ": " + bootstrap.cause());
            }
            bed.confluent.apiKeys().refusedFor(KEY_REFUSED);
            bed.confluent.tableflowTopics().readyAfter(topic -> delayOf(topic)
                    .map(delay -> new TimedReadiness.Delays(Duration.ofSeconds(delay), UNTIL_GLUE_TABLE)));
            bed.stepFunctions.retryIntervalMs(null).waitMs(null).timeout(Duration.ofMinutes(40));
            List<TimeToTable> measured = onboardAll(bed, executions);
            long glue = bed.aws.calls().stream().filter(c -> c.action().equals("GetTable")).count();
            List<Double> sampled = List.copyOf(loads);
            return new Result(measured, glue, sampled.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    sampled.stream().mapToDouble(Double::doubleValue).max().orElse(0), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            sampler.shutdownNow();
        }
    }

    private List<TimeToTable> onboardAll(TestBed bed, ApiEconomy.Executions executions) {
        List<String> topics = new ArrayList<>();
        for (int delay : delaysSeconds) {
            topics.addAll(Topics.names("tt-" + delay + "s", 0, topicsPerDelay));
        }
        ExecutorService pool = Executors.newFixedThreadPool(topics.size());
        try {
            List<Future<TimeToTable>> running = new ArrayList<>();
            for (String topic : topics) {
                running.add(pool.submit(() -> {
                    Instant requested = Instant.now();
                    Invocation intake = bed.requestOnboarding(Topics.detail(List.of(topic), null));
                    if (intake.failed()) {
                        throw new IllegalStateException("the intake refused " + topic + ": " + intake.errorMessage());
                    }
                    String input = executions.input(intake.responseJson().path("executionName").asText());
                    ExecutionResult run = bed.stepFunctions.run("OnboardingStateMachine", input);
                    System.out.printf("tabletime: %s %s%n", topic, run.status());
                    return TimeToTable.of(bed, topic, requested, run);
                }));
            }
            List<TimeToTable> measured = new ArrayList<>();
            for (Future<TimeToTable> topic : running) {
                measured.add(topic.get());
            }
            return measured;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a tabletime onboarding could not be measured", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The delay a topic's name carries ({@code tt-60s-000}): every topic of this section has one. */
    private static Optional<Integer> delayOf(String topic) {
        return topic.startsWith("tt-") ? Optional.of(Integer.parseInt(topic.substring(3, topic.indexOf('s', 3)))) : Optional.empty();
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
