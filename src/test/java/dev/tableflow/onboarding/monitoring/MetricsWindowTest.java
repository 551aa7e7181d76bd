package dev.tableflow.onboarding.monitoring;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Consecutive scheduled runs read adjacent, closed windows: every minute once, none still arriving. */
class MetricsWindowTest {

    @Test
    void aRunReadsTheFiveMinutesThatClosedTenMinutesBeforeItsScheduledTime() {
        MetricsWindow window = MetricsWindow.of(Instant.parse("2026-12-07T10:05:00Z"));

        assertThat(window.start()).isEqualTo(Instant.parse("2026-12-07T09:50:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2026-12-07T09:55:00Z"));
        assertThat(window.interval()).isEqualTo("2026-12-07T09:50:00Z/2026-12-07T09:55:00Z");
        assertThat(window.contains(Instant.parse("2026-12-07T09:50:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-12-07T09:54:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-12-07T09:55:00Z"))).as("the end is the next window's").isFalse();
    }

    /** EventBridge's schedule fires at a fixed second of its minute, and may deliver a little late. */
    @Test
    void consecutiveRunsReadAdjacentWindowsWhateverSecondTheyFireAt() {
        Instant first = Instant.parse("2026-12-07T10:03:27Z");
        List<MetricsWindow> windows = new ArrayList<>();
        for (int run = 0; run < 12; run++) {
            windows.add(MetricsWindow.of(first.plus(MetricsWindow.SPAN.multipliedBy(run))));
        }

        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i).start()).as("run %d starts where run %d ended", i, i - 1).isEqualTo(windows.get(i - 1).end());
        }
        windows.forEach(w -> {
            assertThat(Duration.between(w.start(), w.end())).isEqualTo(MetricsWindow.SPAN);
            assertThat(w.start().getEpochSecond() % 60).as("whole minutes").isZero();
        });
    }

    @Test
    void aRetryOfTheSameEventReadsTheSameWindowAndTheWindowIsClosedByTheDocumentedLatency() {
        Instant scheduled = Instant.parse("2026-12-07T10:05:00Z");

        assertThat(MetricsWindow.of(scheduled)).isEqualTo(MetricsWindow.of(scheduled));
        assertThat(MetricsWindow.of(scheduled.plusSeconds(59))).isEqualTo(MetricsWindow.of(scheduled));
        // The Metrics API has a minute's points "typically within 5 minutes"; the last minute read ended 10 before.
        assertThat(Duration.between(MetricsWindow.of(scheduled).end(), scheduled)).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
    }
}
