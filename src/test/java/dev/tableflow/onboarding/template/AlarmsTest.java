package dev.tableflow.onboarding.template;

import dev.tableflow.onboarding.monitoring.MetricsWindow;
import dev.tableflow.onboarding.monitoring.TableflowMetric;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
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
     * One alarm per TableFlow signal, on the [Environment] aggregate the function publishes beside each topic's series,
     * so every topic, present and future, is watched. Confluent's figures reach CloudWatch a window and a delay after
     * their minute, filed under that minute: an alarm on them must look back further than that, or it never sees them.
     */
    @Test
    void eachTableflowSignalHasAnAlarmOnTheEnvironmentAggregateThatLooksBackPastThePublicationDelay() {
        Map<String, String> alarmByMetric = new TreeMap<>();
        template.propertiesOfType(ALARM).forEach((id, alarm) -> {
            if ("TableflowOnboarding".equals(alarm.get("Namespace"))) {
                String metric = (String) alarm.get("MetricName");
                assertThat(alarmByMetric.put(metric, id)).as("a second alarm on " + metric).isNull();
                assertThat(TableflowMetric.cloudWatchNames()).as(id).contains(metric);
                Map<String, Object> dimension = map(list(alarm.get("Dimensions")).getFirst());
                assertThat(list(alarm.get("Dimensions"))).as(id).hasSize(1);
                assertThat(dimension).as(id).containsEntry("Name", "Environment").containsEntry("Value", Map.of("Ref", "EnvironmentName"));
                assertThat(alarm).as(id).containsEntry("TreatMissingData", "notBreaching").containsEntry("DatapointsToAlarm", 1);
                long lookBackSeconds = ((Integer) alarm.get("Period")).longValue() * (Integer) alarm.get("EvaluationPeriods");
                if (!metric.equals("TopicFailed") && !metric.equals("CatalogSyncFailed")) { // those two are filed under the run's own time
                    assertThat(lookBackSeconds).as(id + " looks back past the delay")
                            .isGreaterThan(MetricsWindow.DELAY.plus(MetricsWindow.SPAN).toSeconds());
                }
            }
        });
        assertThat(alarmByMetric.keySet()).containsExactlyInAnyOrder("RowsSkipped", "TableLag", "TopicFailed", "CatalogSyncFailed");
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
