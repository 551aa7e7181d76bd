package dev.tableflow.onboarding.bench;

import dev.tableflow.onboarding.bench.InvokeRecorder.Span;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.aws.AwsCall;
import dev.tableflow.onboarding.testbed.confluent.LoggedRequest;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.testbed.sfn.StateMachineRunner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * HTTP calls, state transitions and cost of the bootstrap and of topic onboarding, first runs and no-op reruns, on one
 * test bed. Every call is attributed to the function invocation that made it ({@link InvokeRecorder}); calls made by
 * a {@code Check…}/{@code Confirm…} step are polls, the rest are writes (the test server's and the AWS proxy's own
 * notion of a mutating operation) or reads. Lookups answered 404 count as reads: they are calls all the same.
 */
final class ApiEconomy {

    /** AWS list prices (us-east-1, November 2026): Standard workflows, Lambda x86. */
    static final double PRICE_PER_TRANSITION = 0.025 / 1_000;
    static final double PRICE_PER_GB_SECOND = 0.0000166667;
    static final double PRICE_PER_REQUEST = 0.20 / 1_000_000;
    /** What a real call to Confluent Cloud or AWS costs in wall-clock time, for the estimate next to the local one. */
    static final int ASSUMED_CALL_MS = 200;

    record Calls(int writes, int reads, int polls, int failed) {
        static final Calls NONE = new Calls(0, 0, 0, 0);

        Calls plus(Calls other) {
            return new Calls(writes + other.writes, reads + other.reads, polls + other.polls, failed + other.failed);
        }

        int total() {
            return writes + reads + polls;
        }

        @Override
        public String toString() {
            return writes + " / " + reads + " / " + polls;
        }
    }

    /** One scenario: the spans of its invocations and, unless it was the intake alone, its execution. */
    /**
     * @param unattributed calls made during the phase outside any function invocation (the state machines' own
     *                     service integrations); expected to be zero
     */
    record Phase(String name, List<Span> spans, ExecutionResult execution, int memoryMb, int unattributed) {

        Calls confluent() {
            return spans.stream().map(ApiEconomy::confluent).reduce(Calls.NONE, Calls::plus);
        }

        Calls aws() {
            return spans.stream().map(ApiEconomy::aws).reduce(Calls.NONE, Calls::plus);
        }

        /** Step Functions bills a transition per state entered, and one per retry. */
        int transitions() {
            return execution == null ? 0 : execution.events("StateEntered").size() + execution.events("StateRetried").size();
        }

        long lambdaMillis() {
            return spans.stream().mapToLong(s -> Math.max(1, s.duration().toMillis())).sum();
        }

        long estimatedLambdaMillis() {
            return lambdaMillis() + (long) ASSUMED_CALL_MS * (confluent().total() + aws().total());
        }

        double cost(long lambdaMillis) {
            double gbSeconds = lambdaMillis / 1000.0 * memoryMb / 1024.0;
            return transitions() * PRICE_PER_TRANSITION + spans.size() * PRICE_PER_REQUEST + gbSeconds * PRICE_PER_GB_SECOND;
        }
    }

    private final TestBed bed;
    private final InvokeRecorder recorder;
    private final StateMachineRunner runner;
    private final Executions executions;
    private final int memoryMb;
    private final List<Phase> phases = new ArrayList<>();

    ApiEconomy(TestBed bed, InvokeRecorder recorder, StateMachineRunner runner, Executions executions, int memoryMb) {
        this.bed = bed;
        this.recorder = recorder;
        this.runner = runner;
        this.executions = executions;
        this.memoryMb = memoryMb;
    }

    /** Bootstrap twice, then onboard topic2 (the environment's first), a second new topic, and topic2 again. */
    List<Phase> run() {
        phases.add(phase("Bootstrap, first run", () -> runner.run("BootstrapStateMachine", TestBed.readEvent("stack-update-complete.json"))));
        phases.add(phase("Bootstrap, rerun (no-op)", () -> runner.run("BootstrapStateMachine", TestBed.readEvent("stack-update-complete.json"))));
        String topic2 = TestBed.sampleDetail("onboard-topic2.json");
        phases.add(onboarding("Onboarding topic2, first of the environment", topic2));
        phases.add(onboarding("Onboarding a second new topic", Topics.detail(List.of("bench-second"), null)));
        phases.add(onboarding("Onboarding topic2, rerun (no-op)", Topics.withRequestId(topic2, "bench-rerun-topic2")));
        return List.copyOf(phases);
    }

    private Phase onboarding(String name, String detail) {
        return phase(name, () -> {
            Invocation intake = recorder.record("StartOnboardingFunction", () -> bed.requestOnboarding(detail));
            if (intake.failed()) {
                throw new IllegalStateException("the intake refused " + detail + ": " + intake.errorMessage());
            }
            return runner.run("OnboardingStateMachine", executions.input(intake.responseJson().path("executionName").asText()));
        });
    }

    private Phase phase(String name, Supplier<ExecutionResult> scenario) {
        int before = recorder.spans().size();
        int callsBefore = bed.confluent.requests().all().size() + bed.aws.calls().size();
        ExecutionResult result = scenario.get();
        int calls = bed.confluent.requests().all().size() + bed.aws.calls().size() - callsBefore;
        List<Span> spans = recorder.spans().subList(before, recorder.spans().size());
        int attributed = spans.stream().mapToInt(s -> s.confluent().size() + s.aws().size()).sum();
        Phase phase = new Phase(name, List.copyOf(spans), result, memoryMb, calls - attributed);
        if (!result.succeeded()) {
            throw new IllegalStateException(name + " did not succeed: " + result.error() + ": " + result.cause());
        }
        return phase;
    }

    /** Confluent calls, AWS calls, invocations and errors per function in one phase, in order of first appearance. */
    static Map<String, String[]> perFunction(Phase phase) {
        Map<String, List<Span>> byFunction = new LinkedHashMap<>();
        phase.spans().forEach(s -> byFunction.computeIfAbsent(s.function(), f -> new ArrayList<>()).add(s));
        Map<String, String[]> rows = new LinkedHashMap<>();
        byFunction.forEach((function, spans) -> {
            Calls confluent = spans.stream().map(ApiEconomy::confluent).reduce(Calls.NONE, Calls::plus);
            Calls aws = spans.stream().map(ApiEconomy::aws).reduce(Calls.NONE, Calls::plus);
            long errors = spans.stream().filter(s -> s.error() != null).count();
            rows.put(function, new String[] {function.replace("Function", ""), Integer.toString(spans.size()),
                    confluent.toString(), aws.toString(), Long.toString(confluent.failed()), Long.toString(errors)});
        });
        return rows;
    }

    static boolean isPoll(String function) {
        return function.startsWith("Check") || function.startsWith("Confirm");
    }

    static Calls confluent(Span span) {
        int writes = 0, reads = 0, polls = 0, failed = 0;
        for (LoggedRequest request : span.confluent()) {
            if (request.status() < 200 || request.status() >= 300) {
                failed++;
            }
            if (isPoll(span.function())) {
                polls++;
            } else if (request.mutating()) {
                writes++;
            } else {
                reads++;
            }
        }
        return new Calls(writes, reads, polls, failed);
    }

    static Calls aws(Span span) {
        int writes = 0, reads = 0, polls = 0, failed = 0;
        for (AwsCall call : span.aws()) {
            if (!call.succeeded()) {
                failed++;
            }
            if (isPoll(span.function())) {
                polls++;
            } else if (call.isWrite()) {
                writes++;
            } else {
                reads++;
            }
        }
        return new Calls(writes, reads, polls, failed);
    }

    /** The intake's response JSON names the execution it started; its input is what the engine must run. */
    interface Executions {
        String input(String executionName);
    }
}
