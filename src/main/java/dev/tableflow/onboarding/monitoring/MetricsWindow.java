package dev.tableflow.onboarding.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The minutes one run publishes: [start, end), whole minutes. Runs are scheduled every {@link #SPAN}; each takes the
 * span that closed {@link #DELAY} before its scheduled time, floored to the span's grid. So consecutive runs read
 * adjacent windows (no gap, no overlap, hence no minute counted twice), and a retried run, which EventBridge hands
 * the same event with the same {@code time}, reads the same window again. The delay is there because the Metrics API
 * makes a minute's points available "typically within 5 minutes" (metrics-v2.yaml, Metric Data Latency); a query
 * that ignores it "may have incomplete data", and an incomplete minute would never be read again.
 */
public record MetricsWindow(Instant start, Instant end) {

    /** The schedule's rate in template.yaml ({@code rate(5 minutes)}); keep the two in step. */
    public static final Duration SPAN = Duration.ofMinutes(5);
    /** Twice the documented typical latency, for the minutes that come later than typical. */
    public static final Duration DELAY = Duration.ofMinutes(10);

    /** The window of a run scheduled at {@code scheduled} (the EventBridge event's {@code time}). */
    public static MetricsWindow of(Instant scheduled) {
        long span = SPAN.toMillis();
        Instant grid = Instant.ofEpochMilli(Math.floorDiv(scheduled.truncatedTo(ChronoUnit.MINUTES).toEpochMilli(), span) * span);
        Instant end = grid.minus(DELAY);
        return new MetricsWindow(end.minus(SPAN), end);
    }

    /** ISO-8601 {@code <start>/<end>}, the Metrics API's {@code intervals} item. */
    public String interval() {
        return start + "/" + end;
    }

    public boolean contains(Instant minute) {
        return !minute.isBefore(start) && minute.isBefore(end);
    }
}
