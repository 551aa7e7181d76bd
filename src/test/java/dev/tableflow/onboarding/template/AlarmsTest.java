package dev.tableflow.onboarding.template;

import dev.tableflow.onboarding.monitoring.MetricsWindow;
import dev.tableflow.onboarding.testbed.CloudWatchMonitoring;
import dev.tableflow.onboarding.testbed.CloudWatchMonitoring.PerTopicQuery;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.tableflow.onboarding.template.SamTemplate.STATE_MACHINE;
import static dev.tableflow.onboarding.template.SamTemplate.choose;
import static dev.tableflow.onboarding.template.SamTemplate.list;
import static dev.tableflow.onboarding.template.SamTemplate.map;
import static dev.tableflow.onboarding.template.SamTemplate.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

/** Every workflow, and key rotation, has an alarm on its failures, notifying the operator's SNS topic when one is given. */
class AlarmsTest {

    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final String TOPIC = "AlarmTopicArn";
    private final SamTemplate template = SamTemplate.load();

    @Test
    void everyWorkflowHasOneAlarmOnFailedExecutions() {
        Map<String, String> alarmByMachine = new TreeMap<>();
        template.propertiesOfType(ALARM).forEach((id, alarm) -> {
            if ("ExecutionsFailed".equals(alarm.get("MetricName"))) {
                List<Object> dimensions = list(alarm.get("Dimensions"));
                assertThat(dimensions).as(id).hasSize(1);
                assertThat(map(dimensions.getFirst()).get("Name")).as(id).isEqualTo("StateMachineArn");
                String machine = referencedId(map(dimensions.getFirst()).get("Value"));
                assertThat(alarmByMachine.put(machine, id)).as("a second alarm for " + machine).isNull();
                assertThat(alarm).as(id).containsEntry("Namespace", "AWS/States").containsEntry("Statistic", "Sum")
                        .containsEntry("Threshold", 1).containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                        .containsEntry("EvaluationPeriods", 1).containsEntry("TreatMissingData", "notBreaching");
            }
        });

        assertThat(alarmByMachine.keySet()).containsExactlyInAnyOrderElementsOf(template.propertiesOfType(STATE_MACHINE).keySet())
                .contains("BootstrapStateMachine", "OnboardingStateMachine", "OffboardingStateMachine");
    }

    /** A rotation is driven by Secrets Manager, not a workflow: its failures show only as the rotation function's errors. */
    @Test
    void aFailedKeyRotationStepRaisesAnAlarm() {
        Map<String, Object> alarm = template.propertiesOfType(ALARM).get("KeyRotationFailedAlarm");

        assertThat(alarm).isNotNull().containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", "Errors")
                .containsEntry("Statistic", "Sum").containsEntry("Threshold", 1).containsEntry("TreatMissingData", "notBreaching");
        Map<String, Object> dimension = map(list(alarm.get("Dimensions")).getFirst());
        assertThat(dimension.get("Name")).isEqualTo("FunctionName");
        assertThat(referencedId(dimension.get("Value"))).isEqualTo("RotateApiKeyFunction");
    }

    /**
     * One alarm per TableFlow signal but rows written, each a Metrics Insights query over the [Environment, TopicName]
     * series the function emits, grouped by TopicName: CloudWatch evaluates each topic, present and future, as a
     * contributor of its own and names it. Confluent's figures reach CloudWatch a window and a delay after their minute,
     * filed under that minute: an alarm on them must look back further than that, or it never sees them.
     */
    @Test
    void eachTableflowSignalHasAnAlarmThatEvaluatesEveryTopicOfTheEnvironmentOnItsOwnAndLooksBackPastThePublicationDelay() {
        Set<String> emitted = EmittedMetrics.of("dev");
        Map<String, String> alarmByMetric = new TreeMap<>();
        template.propertiesOfType(ALARM).forEach((id, alarm) -> {
            if (alarm.containsKey("Metrics")) {
                assertThat(alarm).as(id + ": the query alone says what is watched")
                        .doesNotContainKeys("Namespace", "MetricName", "Dimensions", "Statistic", "Period");
                List<Object> queries = list(alarm.get("Metrics"));
                assertThat(queries).as(id).hasSize(1);
                Map<String, Object> query = map(queries.getFirst());
                assertThat(query).as(id).containsEntry("ReturnData", true).containsEntry("Period", 300);
                assertThat((String) query.get("Id")).as("a query id starts with a lower-case letter").matches("[a-z]\\w*");
                PerTopicQuery perTopic = CloudWatchMonitoring.parse((String) SamTemplate.resolve(query.get("Expression"), Map.of("EnvironmentName", "dev")));
                assertThat(perTopic.namespace()).isEqualTo("TableflowOnboarding");
                assertThat(perTopic.schema()).as(id).containsExactlyInAnyOrder("Environment", "TopicName");
                assertThat(perTopic.whereName() + "=" + perTopic.whereValue()).as("this stack's environment only").isEqualTo("Environment=dev");
                assertThat(perTopic.groupBy()).as("one contributor per topic").isEqualTo("TopicName");
                assertThat(emitted).as(id + ": a metric the function emits").contains("TableflowOnboarding " + perTopic.metric() + " [Environment, TopicName]");
                assertThat(alarmByMetric.put(perTopic.metric(), id)).as("a second alarm on " + perTopic.metric()).isNull();
                assertThat(alarm).as(id).containsEntry("TreatMissingData", "notBreaching").containsEntry("DatapointsToAlarm", 1);
                long lookBackSeconds = 300L * (Integer) alarm.get("EvaluationPeriods");
                if (perTopic.metric().startsWith("Rows") || perTopic.metric().equals("TableLag")) { // the others are filed under the run's own time
                    assertThat(lookBackSeconds).as(id + " looks back past the delay")
                            .isGreaterThan(MetricsWindow.DELAY.plus(MetricsWindow.SPAN).toSeconds());
                }
            }
        });
        assertThat(alarmByMetric.keySet()).containsExactlyInAnyOrder("RowsSkipped", "TableLag", "TopicFailed", "TopicSuspended", "CatalogSyncFailed");
    }

    /** A run that fails publishes nothing, which the alarms above read as "all well": its failures have their own alarm. */
    @Test
    void aFailingMetricsFunctionRaisesAnAlarm() {
        Map<String, Object> alarm = template.propertiesOfType(ALARM).get("TableflowMetricsFailedAlarm");

        assertThat(alarm).isNotNull().containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", "Errors")
                .containsEntry("Statistic", "Sum").containsEntry("Threshold", 1);
        assertThat(referencedId(map(list(alarm.get("Dimensions")).getFirst()).get("Value"))).isEqualTo("PublishTableflowMetricsFunction");
    }

    @Test
    void alarmsNotifyTheTopicOnlyWhenOneIsGiven() {
        assertThat(map(template.root(), "Parameters", TOPIC)).containsEntry("Default", "");
        assertThat(map(template.root(), "Conditions", "NotifyAlarmTopic"))
                .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", TOPIC), "")))));
        template.propertiesOfType(ALARM).forEach((id, alarm) -> {
            for (Map<String, Boolean> conditions : template.conditionCases()) {
                Map<String, Object> deployed = map(choose(alarm, conditions));
                if (conditions.get("NotifyAlarmTopic")) {
                    assertThat(deployed.get("AlarmActions")).as(id).isEqualTo(List.of(Map.of("Ref", TOPIC)));
                } else {
                    assertThat(deployed).as(id + " without a topic").doesNotContainKey("AlarmActions");
                }
            }
        });
    }
}
