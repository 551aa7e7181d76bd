package dev.tableflow.onboarding.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.observability.EmfSpec;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.Fault;
import dev.tableflow.onboarding.testbed.confluent.MetricsApi;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged PublishTableflowMetrics on the test bed, run as its schedule runs it (an EventBridge scheduled event),
 * against the Confluent test server's Metrics API: the EMF lines it prints are what CloudWatch would extract.
 */
class TableflowMetricsIT extends WorkflowTestBase {

    static final String FUNCTION = "PublishTableflowMetricsFunction";
    static final String TOPIC = "topic2";
    /** A scheduled time on the 5-minute grid whose window and the next run's have closed by now. */
    final Instant scheduled = Instant.ofEpochMilli(Math.floorDiv(Instant.now().toEpochMilli(), 300_000L) * 300_000L).minus(Duration.ofMinutes(10));

    @BeforeEach
    void onboarded() {
        bed.reset();
        assertThat(bed.bootstrap().succeeded()).isTrue();
        assertThat(bed.onboard("{\"topics\":[{\"name\":\"" + TOPIC + "\"}]}").succeeded()).isTrue();
    }

    @Test
    void eachMinuteIsPublishedOnceUnderItsOwnMinuteAcrossRunsAndARetryRepublishesTheSameFigures() {
        MetricsWindow first = MetricsWindow.of(scheduled);
        MetricsWindow second = MetricsWindow.of(scheduled.plus(MetricsWindow.SPAN));
        for (Instant minute = first.start(); minute.isBefore(second.end()); minute = minute.plus(Duration.ofMinutes(1))) {
            long i = Duration.between(first.start(), minute).toMinutes();
            bed.confluent.metrics().record(MetricsApi.ROWS_ADDED, TOPIC, minute, 100 + i);
            bed.confluent.metrics().record(MetricsApi.ROWS_SKIPPED, TOPIC, minute, i % 2);
            bed.confluent.metrics().record(MetricsApi.KAFKA_TOPIC_OFFSET, TOPIC, minute, 5000 + 10 * i);
            bed.confluent.metrics().record(MetricsApi.TABLE_OFFSET, TOPIC, minute, 4990 + 10 * i);
            bed.confluent.metrics().record(MetricsApi.ROWS_SKIPPED, "not-this-stacks-topic", minute, 9);
        }
        // One rate-limited query on the way: waited out, not a failure, and counted as a retry.
        bed.confluent.faults().next(1, Fault.rateLimited(0)).on("POST", "/v2/metrics/cloud/query");

        Invocation run1 = run(scheduled);
        Invocation run2 = run(scheduled.plus(MetricsWindow.SPAN));
        Invocation retry = run(scheduled.plusSeconds(30)); // EventBridge's retry of run1's event, or a second late delivery

        List<JsonNode> figures1 = figures(run1);
        List<JsonNode> figures2 = figures(run2);
        assertThat(minutes(figures1)).containsExactlyElementsOf(minutesOf(first));
        assertThat(minutes(figures2)).containsExactlyElementsOf(minutesOf(second));
        assertThat(figures(retry)).as("the same window, the same documents").isEqualTo(figures1);
        for (JsonNode document : concat(figures1, figures2)) {
            long i = Duration.between(first.start(), Instant.ofEpochMilli(document.path("_aws").path("Timestamp").asLong())).toMinutes();
            assertThat(document.path("Environment").asText()).isEqualTo(TestBed.ENVIRONMENT);
            assertThat(document.path("TopicName").asText()).as("only this stack's topics").isEqualTo(TOPIC);
            assertThat(document.path("RowsWritten").asDouble()).isEqualTo(100 + i);
            assertThat(document.path("RowsSkipped").asDouble()).isEqualTo(i % 2);
            assertThat(document.path("TableLag").asDouble()).isEqualTo(10);
            assertThat(document.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").toString())
                    .as("per topic only: the alarms group the topics' own series").isEqualTo("[[\"Environment\",\"TopicName\"]]");
        }
        assertThat(run1.responseJson().path("published").toString()).isEqualTo("[\"RowsWritten\",\"RowsSkipped\",\"TableLag\"]");
        assertThat(run1.responseJson().path("window").asText()).isEqualTo(first.interval());

        JsonNode status = single(statuses(run1));
        assertThat(status.path("_aws").path("Timestamp").asLong()).isEqualTo(scheduled.toEpochMilli());
        assertThat(status.path("TopicFailed").asDouble()).isZero();
        assertThat(status.path("TopicSuspended").asDouble()).isZero();
        assertThat(status.path("CatalogSyncFailed").asDouble()).isZero();
        JsonNode step = single(stepDocuments(run1));
        assertThat(step.path("Step").asText()).isEqualTo(PublishTableflowMetrics.STEP);
        assertThat(step.path("Outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(step.path("Retries").asInt()).as("the 429, repeated after its Retry-After").isEqualTo(1);
    }

    @Test
    void aFailedCatalogSyncASuspendedTopicAndAFailedTopicAreFlaggedAndAMetricTheApiDoesNotOfferIsNotPublished() {
        bed.confluent.metrics().withdraw(MetricsApi.TABLE_OFFSET);
        bed.confluent.tableflowTopics().failCatalogSync(TOPIC, "Failed to connect to catalog: authentication error");
        Instant minute = MetricsWindow.of(scheduled).start();
        bed.confluent.metrics().record(MetricsApi.KAFKA_TOPIC_OFFSET, TOPIC, minute, 5000);
        bed.confluent.metrics().record(MetricsApi.ROWS_SKIPPED, TOPIC, minute, 3);

        Invocation run = run(scheduled);

        assertThat(run.responseJson().path("published").toString()).as("no lag without the table's offset").isEqualTo("[\"RowsSkipped\"]");
        JsonNode figure = single(figures(run));
        assertThat(figure.has("TableLag")).isFalse();
        assertThat(figure.path("RowsSkipped").asDouble()).isEqualTo(3);
        assertThat(single(statuses(run)).path("CatalogSyncFailed").asDouble()).isEqualTo(1);

        bed.confluent.tableflowTopics().suspend(TOPIC, "Failed to materialize record at offset 42: schema not found");
        JsonNode suspended = single(statuses(run(scheduled.plus(MetricsWindow.SPAN))));
        assertThat(suspended.path("TopicSuspended").asDouble()).isEqualTo(1);
        assertThat(suspended.path("TopicFailed").asDouble()).as("paused, not failed").isZero();

        bed.confluent.tableflowTopics().fail(TOPIC, "Could not enable catalog integration");
        assertThat(single(statuses(run(scheduled.plus(MetricsWindow.SPAN.multipliedBy(2))))).path("TopicFailed").asDouble()).isEqualTo(1);
    }

    @Test
    void aCloudApiKeyWithoutMetricsAccessFailsTheRunNamingMetricsViewerAndPublishesNothing() {
        bed.confluent.metrics().revokeAdminAccess();
        bed.confluent.metrics().record(MetricsApi.ROWS_SKIPPED, TOPIC, MetricsWindow.of(scheduled).start(), 3);

        Invocation run = run(scheduled);

        assertThat(run.failed()).isTrue();
        assertThat(run.errorType()).isEqualTo(TERMINAL);
        assertThat(run.errorMessage()).startsWith(PublishTableflowMetrics.STEP + ": TableFlow metrics of cluster ")
                .contains("MetricsViewer").contains("403");
        assertThat(figures(run)).isEmpty();
        assertThat(statuses(run)).as("nothing before every query was answered").isEmpty();
        assertThat(single(stepDocuments(run)).path("Outcome").asText()).isEqualTo(TERMINAL);
    }

    @Test
    void aScheduledTimeThatIsNotATimeIsRefusedNamingTheField() {
        Invocation run = bed.lambda.invoke(FUNCTION, "{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"time\":\"soon\",\"detail\":{}}");

        assertThat(run.errorType()).isEqualTo("dev.tableflow.onboarding.errors.InvalidInputException");
        assertThat(run.errorMessage()).contains("time");
        assertThat(bed.confluent.requests().count(r -> r.path().startsWith("/v2/metrics/"))).isZero();
    }

    /** As EventBridge delivers a rule's scheduled event (the sample in events/). */
    static Invocation run(Instant time) {
        String event = TestBed.readEvent("publish-tableflow-metrics-scheduled.json").replace("2026-12-07T10:05:00Z", time.toString());
        return bed.lambda.invoke(FUNCTION, event);
    }

    /** Every EMF document the invocation printed, each checked against CloudWatch's specification. */
    static List<JsonNode> documents(Invocation invocation) {
        List<JsonNode> documents = bed.lambda.output(invocation.requestId()).lines().filter(l -> l.startsWith("{"))
                .map(EmfSpec::parseLine).filter(EmfSpec::isEmf).toList();
        documents.forEach(d -> assertThat(EmfSpec.violations(d)).as(d.toString()).isEmpty());
        return documents;
    }

    private static List<JsonNode> figures(Invocation invocation) {
        return documents(invocation).stream().filter(d -> d.has("TopicName") && !d.has("TopicFailed")).toList();
    }

    private static List<JsonNode> statuses(Invocation invocation) {
        return documents(invocation).stream().filter(d -> d.has("TopicFailed")).toList();
    }

    private static List<JsonNode> stepDocuments(Invocation invocation) {
        return documents(invocation).stream().filter(d -> d.has("Step")).toList();
    }

    private static List<Instant> minutes(List<JsonNode> documents) {
        List<Instant> minutes = documents.stream().map(d -> Instant.ofEpochMilli(d.path("_aws").path("Timestamp").asLong())).toList();
        assertThat(new HashSet<>(minutes)).as("each minute once").hasSameSizeAs(minutes);
        return minutes;
    }

    private static List<Instant> minutesOf(MetricsWindow window) {
        List<Instant> minutes = new ArrayList<>();
        for (Instant m = window.start(); m.isBefore(window.end()); m = m.plus(1, ChronoUnit.MINUTES)) {
            minutes.add(m);
        }
        return minutes;
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        Set<Long> seen = new HashSet<>();
        all.forEach(d -> assertThat(seen.add(d.path("_aws").path("Timestamp").asLong())).as("a minute in two runs").isTrue());
        return all;
    }
}
