package dev.tableflow.onboarding.monitoring;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentApiException;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.MetricsClient;
import dev.tableflow.onboarding.confluent.model.MetricDescriptor;
import dev.tableflow.onboarding.confluent.model.MetricPoint;
import dev.tableflow.onboarding.confluent.model.MetricsQuery;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.EmbeddedMetrics;
import dev.tableflow.onboarding.steps.StackTopics;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Scheduled every five minutes: reads the TableFlow metrics of this stack's topics from Confluent's Metrics API, one
 * closed window at a time ({@link MetricsWindow}), and prints them as embedded-metric documents, each datapoint under
 * its own minute. With them, each topic's TableFlow status of the moment (failed, suspended, catalog sync failed).
 * Nothing is printed before every query has been answered, so a run that fails publishes nothing and its retry (the
 * same event, the same window) publishes the window once.
 */
@ApplicationScoped
public class PublishTableflowMetrics {

    public static final String STEP = "PublishTableflowMetrics";
    private static final Logger LOG = Logger.getLogger(PublishTableflowMetrics.class);
    /** The descriptors endpoint's maximum page size (metrics-v2.yaml). */
    static final int DESCRIPTORS_PAGE_SIZE = 1000;
    /** A schedule's event may come a little late, never from the future: a later time would read unfinished minutes. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** The scheduled event EventBridge delivers; only its {@code time} is read. Without one (a direct call): now. */
    public record Input(String time) {}

    /**
     * @param window     the minutes read, {@code <start>/<end>}
     * @param published  the CloudWatch metrics the Metrics API had figures for in the window, besides the status ones
     * @param datapoints the documents printed
     */
    public record Output(String window, List<String> topics, List<String> published, int datapoints) {}

    private final EnvironmentSettings settings;
    private final StackTopics stackTopics;
    private final ConfluentCalls calls;
    private final MetricsClient metricsApi;
    private final EmbeddedMetrics metrics;

    public PublishTableflowMetrics(EnvironmentSettings settings, StackTopics stackTopics, ConfluentCalls calls, MetricsClient metricsApi,
            EmbeddedMetrics metrics) {
        this.settings = settings;
        this.stackTopics = stackTopics;
        this.calls = calls;
        this.metricsApi = metricsApi;
        this.metrics = metrics;
    }

    public Output run(Input input) {
        String cluster = settings.config().kafkaClusterId();
        StepContext context = new StepContext(STEP, "TableFlow metrics of cluster " + cluster);
        settings.validate(context);
        Instant scheduled = scheduledAt(context, input);
        MetricsWindow window = MetricsWindow.of(scheduled);

        List<TableflowTopic> topics = monitoredTopics(context);
        List<String> names = topics.stream().map(topic -> topic.spec().displayName()).toList();
        Map<String, Map<Instant, Map<TableflowMetric, Double>>> figures = new TreeMap<>();
        Set<TableflowMetric> read = EnumSet.noneOf(TableflowMetric.class);
        if (!names.isEmpty()) {
            for (TableflowMetric metric : offered(context)) {
                for (MetricPoint point : query(context, metric, cluster, names, window)) {
                    Instant minute = Instant.parse(point.timestamp());
                    if (names.contains(point.topic()) && window.contains(minute)) {
                        figures.computeIfAbsent(point.topic(), t -> new TreeMap<>()).computeIfAbsent(minute, m -> new LinkedHashMap<>())
                                .put(metric, point.value());
                        read.add(metric);
                    }
                }
            }
        }

        List<EmbeddedMetrics.TopicRecord> records = new ArrayList<>();
        figures.forEach((topic, minutes) -> minutes.forEach((minute, values) -> {
            Map<String, Double> published = published(values);
            if (!published.isEmpty()) { // one offset without the other is no figure of ours
                records.add(new EmbeddedMetrics.TopicRecord(topic, minute, published));
            }
        }));
        Instant now = scheduled.truncatedTo(ChronoUnit.MINUTES);
        topics.forEach(topic -> records.add(new EmbeddedMetrics.TopicRecord(topic.spec().displayName(), now, status(topic))));
        records.forEach(metrics::emit);

        List<String> published = new ArrayList<>(read.stream().map(m -> m.cloudWatchName).filter(n -> n != null).toList());
        if (read.containsAll(EnumSet.of(TableflowMetric.TOPIC_OFFSET, TableflowMetric.TABLE_OFFSET))) {
            published.add(TableflowMetric.TABLE_LAG);
        }
        LOG.infof("%s: window %s, %d topics, published %s in %d documents", context, window.interval(), names.size(), published, records.size());
        return new Output(window.interval(), names, published, records.size());
    }

    /**
     * The topics to measure: for now those that store through this stack's provider integration, as the teardown sees
     * them. The one place to point at a record of onboarded topics once there is one.
     */
    List<TableflowTopic> monitoredTopics(StepContext context) {
        return stackTopics.list(context);
    }

    private static Instant scheduledAt(StepContext context, Input input) {
        if (input == null || input.time() == null) {
            return Instant.now();
        }
        Instant time;
        try {
            time = Instant.parse(input.time());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(context, "time", "not an ISO-8601 UTC time like 2026-12-07T10:05:00Z");
        }
        if (time.isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw new InvalidInputException(context, "time", "in the future: its minutes have not happened yet");
        }
        return time;
    }

    /** The metrics of ours the dataset offers per topic; the names are discovered, not assumed (see {@link TableflowMetric}). */
    private Set<TableflowMetric> offered(StepContext context) {
        Set<TableflowMetric> offered = EnumSet.noneOf(TableflowMetric.class);
        asMetricsViewer(context, () -> calls.readAll(context, token -> metricsApi.descriptors(DESCRIPTORS_PAGE_SIZE, token))).stream()
                .filter(descriptor -> descriptor.hasLabel("topic"))
                .map(MetricDescriptor::name)
                .forEach(name -> TableflowMetric.byConfluentName(name).ifPresent(offered::add));
        return offered;
    }

    private List<MetricPoint> query(StepContext context, TableflowMetric metric, String cluster, List<String> topics, MetricsWindow window) {
        MetricsQuery query = MetricsQuery.perTopic(metric.confluentName, cluster, topics, window.start(), window.end());
        return asMetricsViewer(context, () -> calls.readAll(context, token -> metricsApi.query(query, token)));
    }

    /** The Metrics API answers 403 to a Cloud API key whose owner lacks the MetricsViewer role; say so. */
    private static <T> T asMetricsViewer(StepContext context, Supplier<T> call) {
        try {
            return call.get();
        } catch (TerminalException e) {
            if (e.getCause() instanceof ConfluentApiException api && api.status() == 403) {
                throw new TerminalException(context, "the Cloud API key's owner needs the MetricsViewer role to read the Metrics API"
                        + " (README, TableFlow metrics): " + api.describe(), api);
            }
            throw e;
        }
    }

    private static Map<String, Double> published(Map<TableflowMetric, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((metric, value) -> {
            if (metric.cloudWatchName != null) {
                out.put(metric.cloudWatchName, value);
            }
        });
        Double topicOffset = values.get(TableflowMetric.TOPIC_OFFSET);
        Double tableOffset = values.get(TableflowMetric.TABLE_OFFSET);
        if (topicOffset != null && tableOffset != null) {
            out.put(TableflowMetric.TABLE_LAG, Math.max(0, topicOffset - tableOffset));
        }
        return out;
    }

    private static Map<String, Double> status(TableflowTopic topic) {
        String phase = topic.status() == null ? null : topic.status().phase();
        boolean failed = phase != null && !phase.equals("PENDING") && !phase.equals(TableflowTopic.RUNNING);
        boolean syncFailed = topic.status() != null && topic.status().catalogSyncStatuses() != null
                && topic.status().catalogSyncStatuses().stream()
                        .anyMatch(sync -> "FAILED".equals(sync.syncStatus()) || "DISCONNECTED".equals(sync.syncStatus()));
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(TableflowMetric.TOPIC_FAILED, failed ? 1.0 : 0.0);
        out.put(TableflowMetric.TOPIC_SUSPENDED, Boolean.TRUE.equals(topic.spec().suspended()) ? 1.0 : 0.0);
        out.put(TableflowMetric.CATALOG_SYNC_FAILED, syncFailed ? 1.0 : 0.0);
        return out;
    }
}
