package dev.tableflow.onboarding.monitoring;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Confluent metrics read, and the CloudWatch names they are published under. Confluent's TableFlow monitoring
 * page confirms only {@code io.confluent.tableflow/rows_skipped} by name; the others were seen in a public descriptors
 * listing. So none is assumed: each is queried only when the descriptors endpoint offers it with a {@code topic}
 * label, and what it does not offer is not published (the run's output lists what was).
 */
public enum TableflowMetric {
    ROWS_WRITTEN("io.confluent.tableflow/rows_added", "RowsWritten"),
    ROWS_SKIPPED("io.confluent.tableflow/rows_skipped", "RowsSkipped"),
    /** The topic's latest offset, summed over its partitions; only an input of {@link #TABLE_LAG}. */
    TOPIC_OFFSET("io.confluent.tableflow/kafka_topic_offset", null),
    /** The offset the table has materialized up to, summed over the partitions; only an input of {@link #TABLE_LAG}. */
    TABLE_OFFSET("io.confluent.tableflow/table_offset", null);

    /** Published for a minute in which both offsets are known: how many records of the topic the table lacks. */
    static final String TABLE_LAG = "TableLag";
    /** Published per topic at each run: 1 when TableFlow's phase is FAILED or anything but PENDING and RUNNING. */
    static final String TOPIC_FAILED = "TopicFailed";
    /** Published per topic at each run: 1 while TableFlow has paused the topic ({@code spec.suspended}). */
    static final String TOPIC_SUSPENDED = "TopicSuspended";
    /** Published per topic at each run: 1 when a catalog sync of the topic is FAILED or DISCONNECTED. */
    static final String CATALOG_SYNC_FAILED = "CatalogSyncFailed";

    final String confluentName;
    /** The CloudWatch metric, or null for one that is only an input. */
    final String cloudWatchName;

    TableflowMetric(String confluentName, String cloudWatchName) {
        this.confluentName = confluentName;
        this.cloudWatchName = cloudWatchName;
    }

    /** Every metric the function may publish per topic: what the dashboard and the alarms may show. */
    public static List<String> cloudWatchNames() {
        return Stream.concat(Arrays.stream(values()).map(metric -> metric.cloudWatchName).filter(Objects::nonNull),
                Stream.of(TABLE_LAG, TOPIC_FAILED, TOPIC_SUSPENDED, CATALOG_SYNC_FAILED)).toList();
    }

    static Optional<TableflowMetric> byConfluentName(String name) {
        return Arrays.stream(values()).filter(metric -> metric.confluentName.equals(name)).findFirst();
    }
}
