package dev.tableflow.onboarding.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.testbed.CloudWatchMonitoring;
import dev.tableflow.onboarding.testbed.CloudWatchMonitoring.PerTopicQuery;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.MetricsApi;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.tableflow.onboarding.monitoring.TableflowMetricsIT.documents;
import static dev.tableflow.onboarding.monitoring.TableflowMetricsIT.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * template.yaml's alarms and dashboard deployed into moto's CloudWatch (the test bed does it as a deploy would), and the
 * packaged PublishTableflowMetrics' EMF lines put there as CloudWatch extracts them: each TableFlow alarm then has one
 * contributor per onboarded topic, in ALARM for exactly the topic whose signal breaches, and none for a topic once it
 * is offboarded.
 */
class TableflowAlarmsIT extends WorkflowTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SKIPPING = "topic2";
    private static final String SUSPENDED = "topic3";
    /** A scheduled time on the 5-minute grid whose window, and that of the run ten minutes later, have closed by now. */
    final Instant scheduled = Instant.ofEpochMilli(Math.floorDiv(Instant.now().toEpochMilli(), 300_000L) * 300_000L).minus(Duration.ofMinutes(10));

    @BeforeEach
    void deployed() {
        bed.reset();
    }

    @Test
    void cloudWatchHoldsEveryAlarmOfTheTemplateNotifyingTheAlarmTopicAndTheDashboardListingThem() throws Exception {
        List<String> arns = new ArrayList<>();
        bed.cloudwatch.alarmResources().forEach((id, properties) -> {
            MetricAlarm alarm = bed.cloudwatch.describe(bed.cloudwatch.name(properties));
            assertThat(alarm.alarmActions()).as(id).containsExactly(CloudWatchMonitoring.ALARM_TOPIC);
            if (properties.has("Metrics")) {
                assertThat(CloudWatchMonitoring.query(alarm).groupBy()).as(id + " as CloudWatch holds it").isEqualTo("TopicName");
            }
            arns.add(alarm.alarmArn());
        });

        JsonNode body = JSON.readTree(bed.cloudwatch.dashboardBody("tableflow-onboarding-" + TestBed.ENVIRONMENT));
        List<String> listed = new ArrayList<>();
        body.path("widgets").forEach(widget -> widget.path("properties").path("alarms").forEach(arn -> listed.add(arn.asText())));
        assertThat(listed).as("each alarm on the dashboard is one CloudWatch holds").isNotEmpty().isSubsetOf(arns);
    }

    @Test
    void eachOnboardedTopicIsOneContributorOfEachTableflowAlarmInAlarmForItsOwnSignalAndAnOffboardedTopicDropsOut() {
        assertThat(bed.bootstrap().succeeded()).isTrue();
        assertThat(bed.onboard("{\"topics\":[{\"name\":\"" + SKIPPING + "\"},{\"name\":\"" + SUSPENDED
                + "\",\"schema\":{\"name\":\"topic2-value\"}}]}").succeeded()).isTrue();
        MetricsWindow first = MetricsWindow.of(scheduled);
        record(first, SKIPPING, 2, 0);
        record(first, SUSPENDED, 0, 250_000);
        bed.confluent.tableflowTopics().suspend(SUSPENDED, "Failed to materialize record at offset 42: schema not found");
        bed.confluent.tableflowTopics().failCatalogSync(SKIPPING, "Failed to connect to catalog: access denied");

        publish(run(scheduled));

        Map<String, Map<String, Boolean>> contributors = contributors(scheduled.plus(MetricsWindow.SPAN));
        assertThat(contributors).as("one contributor per onboarded topic, in ALARM (true) for its own signal only").isEqualTo(Map.of(
                "RowsSkipped", Map.of(SKIPPING, true, SUSPENDED, false),
                "TableLag", Map.of(SKIPPING, false, SUSPENDED, true),
                "TopicSuspended", Map.of(SKIPPING, false, SUSPENDED, true),
                "TopicFailed", Map.of(SKIPPING, false, SUSPENDED, false),
                "CatalogSyncFailed", Map.of(SKIPPING, true, SUSPENDED, false)));

        assertThat(bed.stepFunctions.run("OffboardingStateMachine", bed.delivered("TopicOffboardingRequested",
                "{\"topic\":\"" + SUSPENDED + "\"}")).succeeded()).isTrue();
        Instant later = scheduled.plus(MetricsWindow.SPAN.multipliedBy(2));
        MetricsWindow third = MetricsWindow.of(later);
        record(third, SKIPPING, 0, 0);
        record(third, SUSPENDED, 0, 250_000); // Confluent's figures of the topic, if any still came, are not ours

        publish(run(later));

        contributors(later.plus(MetricsWindow.SPAN)).forEach((metric, byTopic) ->
                assertThat(byTopic).as(metric + " once the alarms' look-back has passed the offboarding").containsOnlyKeys(SKIPPING));
    }

    /** A window of figures for a topic: rows skipped per minute, and the table that far behind its topic. */
    private static void record(MetricsWindow window, String topic, long skipped, long lag) {
        for (Instant minute = window.start(); minute.isBefore(window.end()); minute = minute.plus(Duration.ofMinutes(1))) {
            bed.confluent.metrics().record(MetricsApi.ROWS_ADDED, topic, minute, 100);
            bed.confluent.metrics().record(MetricsApi.ROWS_SKIPPED, topic, minute, skipped);
            bed.confluent.metrics().record(MetricsApi.KAFKA_TOPIC_OFFSET, topic, minute, 1_000_000 + lag);
            bed.confluent.metrics().record(MetricsApi.TABLE_OFFSET, topic, minute, 1_000_000);
        }
    }

    private static void publish(Invocation run) {
        assertThat(run.failed()).as(run.errorMessage()).isFalse();
        bed.cloudwatch.publish(documents(run));
    }

    /** Each per-topic alarm's contributors at {@code end}, by the metric its query watches. */
    private static Map<String, Map<String, Boolean>> contributors(Instant end) {
        Map<String, Map<String, Boolean>> byMetric = new TreeMap<>();
        bed.cloudwatch.alarmResources().forEach((id, properties) -> {
            if (properties.has("Metrics")) {
                String name = bed.cloudwatch.name(properties);
                PerTopicQuery query = CloudWatchMonitoring.query(bed.cloudwatch.describe(name));
                byMetric.put(query.metric(), bed.cloudwatch.contributors(name, end));
            }
        });
        return byMetric;
    }
}
