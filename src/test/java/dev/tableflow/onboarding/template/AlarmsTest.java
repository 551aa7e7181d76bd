package dev.tableflow.onboarding.template;

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
