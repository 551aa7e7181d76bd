package dev.tableflow.onboarding.testbed.confluent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * TableFlow topics that become ready by the wall clock rather than after a number of GETs (opt-in: the readiness
 * benchmark and its IT). Each topic has its own delays, so one test bed runs several at once: PENDING for
 * {@code untilRunning} after it was enabled, then RUNNING with its AWS Glue sync SYNCED, and its table in Glue
 * {@code untilGlueTable} after that, whether or not anyone is looking (TableFlow registers the table on its own).
 * Confluent documents no fixed time for either (RELIABILITY.md §7, "Time to table"). Records when each became ready,
 * the floor a client's latency is measured against.
 */
public final class TimedReadiness {

    /** How long after it was enabled a topic is RUNNING and SYNCED, and how long after that its Glue table exists. */
    public record Delays(Duration untilRunning, Duration untilGlueTable) {}

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "tableflow-timed-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private final Map<String, Instant> runningAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> glueTableDueAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> glueTableAt = new ConcurrentHashMap<>();
    /** Topic name → its delays, or empty for a topic counted by GETs; null: every topic is counted. */
    private Function<String, Optional<Delays>> delays;

    void delays(Function<String, Optional<Delays>> byTopic) {
        delays = byTopic;
    }

    /**
     * The provisioning of a topic enabled now, timed if its delays say so; {@code whenGlueDue} runs (without the server's
     * lock) when its Glue table is due, to register it.
     */
    Optional<Provisioning> enabled(String topic, String failure, Runnable whenGlueDue) {
        Optional<Delays> timed = delays == null ? Optional.empty() : delays.apply(topic);
        return timed.map(d -> {
            Instant running = Instant.now().plus(d.untilRunning());
            Instant glue = running.plus(d.untilGlueTable());
            runningAt.put(topic, running);
            glueTableDueAt.put(topic, glue);
            // The scheduler's clock is not Instant.now()'s: the task may run a moment before the due time, so it says
            // the table is due rather than letting glueTableDue compare the clocks.
            pending.add(scheduler.schedule(() -> {
                glueTableDueAt.put(topic, Instant.EPOCH);
                whenGlueDue.run();
            }, Duration.between(Instant.now(), glue).toMillis(), TimeUnit.MILLISECONDS));
            return new Provisioning(running, failure);
        });
    }

    /** Whether the topic's Glue table may be registered now: always for a topic counted by GETs. */
    boolean glueTableDue(String topic) {
        Instant due = glueTableDueAt.get(topic);
        return due == null || !Instant.now().isBefore(due);
    }

    void glueTableRegistered(String topic) {
        glueTableAt.putIfAbsent(topic, Instant.now());
    }

    /** When a timed topic became (or becomes) RUNNING and SYNCED. */
    Optional<Instant> runningAt(String topic) {
        return Optional.ofNullable(runningAt.get(topic));
    }

    /** When a timed topic's Glue table was registered; empty until it is. */
    Optional<Instant> glueTableAt(String topic) {
        return Optional.ofNullable(glueTableAt.get(topic));
    }

    void reset() {
        pending.forEach(task -> task.cancel(false));
        pending.clear();
        runningAt.clear();
        glueTableDueAt.clear();
        glueTableAt.clear();
        delays = null;
    }
}
