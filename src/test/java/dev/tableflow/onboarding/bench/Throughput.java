package dev.tableflow.onboarding.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.LoggedRequest;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.testbed.sfn.StateMachineRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A batch of new topics onboarded at once, as a team would send it: the intake takes at most 50 topics a request, so
 * 100 topics are two requests, whose executions run side by side. Timed from the first intake call to the last
 * outcome, once without a limit (which also counts the Confluent calls the batch needs) and once with the Confluent
 * test server answering 429 with {@code Retry-After} beyond N requests in any one second. The floor is the calls
 * the batch needs divided by that rate.
 */
final class Throughput {

    static final int MAX_TOPICS_PER_REQUEST = 50;

    record Result(String name, int topics, Integer ratePerSecond, Duration elapsed, long accepted, long rateLimited,
                  long onboarded, long failed, List<String> executionStatuses) {}

    private final TestBed bed;
    private final StateMachineRunner runner;
    private final ApiEconomy.Executions executions;

    Throughput(TestBed bed, StateMachineRunner runner, ApiEconomy.Executions executions) {
        this.bed = bed;
        this.runner = runner;
        this.executions = executions;
    }

    /** @param ratePerSecond the test server's limit, or null for none */
    Result run(String name, String prefix, int topics, Integer ratePerSecond) {
        bed.outcomeEvents(); // drain what earlier scenarios published
        int before = bed.confluent.requests().all().size();
        if (ratePerSecond != null) {
            bed.confluent.faults().limitRate(ratePerSecond);
        }
        long started = System.nanoTime();
        List<String> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, (topics + MAX_TOPICS_PER_REQUEST - 1) / MAX_TOPICS_PER_REQUEST));
        try {
            List<Future<ExecutionResult>> running = new ArrayList<>();
            for (int from = 0; from < topics; from += MAX_TOPICS_PER_REQUEST) {
                String detail = Topics.detail(Topics.names(prefix, from, Math.min(topics, from + MAX_TOPICS_PER_REQUEST)), null);
                Invocation intake = bed.requestOnboarding(detail);
                if (intake.failed()) {
                    throw new IllegalStateException("the intake refused the batch: " + intake.errorMessage());
                }
                String input = executions.input(intake.responseJson().path("executionName").asText());
                running.add(pool.submit(() -> runner.run("OnboardingStateMachine", input)));
            }
            for (Future<ExecutionResult> execution : running) {
                statuses.add(execution.get().status());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an execution of " + name + " could not run", e.getCause());
        } finally {
            pool.shutdownNow();
            bed.confluent.faults().clear();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        List<LoggedRequest> requests = bed.confluent.requests().all();
        List<LoggedRequest> batch = requests.subList(before, requests.size());
        long limited = batch.stream().filter(r -> r.status() == 429).count();
        List<JsonNode> outcomes = bed.outcomeEvents();
        long onboarded = outcomes.stream().filter(e -> e.path("detail-type").asText().equals("TopicOnboarded")).count();
        long failed = outcomes.stream().filter(e -> e.path("detail-type").asText().equals("TopicOnboardingFailed")).count();
        return new Result(name, topics, ratePerSecond, elapsed, batch.size() - limited, limited, onboarded, failed, statuses);
    }
}
