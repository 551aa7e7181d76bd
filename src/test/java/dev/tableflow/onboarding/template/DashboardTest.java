package dev.tableflow.onboarding.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.monitoring.TableflowMetric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tableflow.onboarding.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard shows only metrics that exist: each one in the project's namespace is one the functions print (name and
 * dimension set, read from what the functions really write: {@link EmittedMetrics}), each AWS one a metric AWS publishes for a
 * resource of the stack. And its body holds to CloudWatch's "Dashboard Body Structure and Syntax" (CloudWatch API
 * Reference): the parts this dashboard uses, checked as that page states them.
 */
class DashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENVIRONMENT = "dev";
    private static final String REGION = "eu-west-1";
    /** AWS/States publishes these per state machine (Step Functions developer guide, "Execution metrics"). */
    private static final Set<String> STATES_METRICS = Set.of("ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted");
    /** SEARCH('{Namespace,Dim,...} MetricName="M" Environment="e"', 'Stat', period) */
    private static final Pattern SEARCH = Pattern.compile(
            "SEARCH\\('\\{([^,}]+)((?:,[^,}]+)*)} MetricName=\"([^\"]+)\" Environment=\"([^\"]+)\"', '([A-Za-z0-9.]+)', (\\d+)\\)");
    private static final Set<String> WIDGET_TYPES = Set.of("metric", "text", "log", "alarm", "explorer");

    private final SamTemplate template = SamTemplate.load();
    private final Map<String, Object> values = new LinkedHashMap<>();

    @Test
    void everyMetricOnTheDashboardIsOneTheFunctionsEmitOrAwsPublishesForTheStack() {
        Set<String> emitted = EmittedMetrics.of(ENVIRONMENT);
        Set<String> shown = new TreeSet<>();
        for (JsonNode widget : body().path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                JsonNode first = metric.path(0);
                if (first.isObject()) {
                    Matcher search = SEARCH.matcher(first.path("expression").asText());
                    assertThat(search.matches()).as("a SEARCH of one metric of one schema: %s", first).isTrue();
                    assertThat(search.group(4)).isEqualTo(ENVIRONMENT);
                    assertThat(Integer.parseInt(search.group(6)) % 60).as("a period of whole minutes").isZero();
                    String schema = search.group(1) + " " + search.group(3) + " " + new TreeSet<>(List.of(search.group(2).substring(1).split(",")));
                    assertThat(emitted).as("emitted by a function").contains(schema);
                    shown.add(schema);
                } else if (first.asText().equals("AWS/States")) {
                    assertThat(STATES_METRICS).contains(metric.path(1).asText());
                    assertThat(metric.path(2).asText()).isEqualTo("StateMachineArn");
                    assertThat(metric.path(3).asText()).as("a state machine of the stack").startsWith("arn:aws:states:" + REGION);
                } else {
                    throw new AssertionError("a metric neither the functions emit nor AWS publishes for the stack: " + metric);
                }
            }
        }
        assertThat(shown).as("each TableFlow metric per topic, and the steps' durations, retries and outcomes")
                .containsAll(TableflowMetric.cloudWatchNames().stream().map(n -> "TableflowOnboarding " + n + " [Environment, TopicName]").toList())
                .contains("TableflowOnboarding Duration [Environment, Outcome, Step]", "TableflowOnboarding Duration [Environment, Step]",
                        "TableflowOnboarding Retries [Environment, Step]");
    }

    @Test
    void theBodyHoldsToCloudWatchsDashboardBodyStructure() {
        JsonNode body = body();

        assertThat(body.path("widgets").isArray()).as("the one required member").isTrue();
        assertThat(body.path("widgets").size()).isBetween(0, 500);
        body.fieldNames().forEachRemaining(name -> assertThat(name).isIn("widgets", "start", "end", "periodOverride", "variables"));
        assertThat(body.path("periodOverride").asText("auto")).isIn("auto", "inherit");
        assertThat(body.path("start").asText("-PT3H")).matches("-P(T\\d+[HMS]|\\d+[DWM])|\\d{4}-.*");
        for (JsonNode widget : body.path("widgets")) {
            String type = widget.path("type").asText();
            assertThat(type).as(widget.toString()).isIn(WIDGET_TYPES);
            int x = widget.path("x").asInt(0);
            int width = widget.path("width").asInt(6);
            assertThat(x).as("x in the 24-column grid").isBetween(0, 23);
            assertThat(width).isBetween(1, 24);
            assertThat(x + width).as("within the grid: %s", widget).isLessThanOrEqualTo(24);
            assertThat(widget.path("y").asInt(0)).isNotNegative();
            assertThat(widget.path("height").asInt(6)).isBetween(1, 1000);
            JsonNode properties = widget.path("properties");
            assertThat(properties.isObject()).as("properties are required").isTrue();
            switch (type) {
                case "text" -> assertThat(properties.path("markdown").isTextual()).isTrue();
                case "alarm" -> {
                    assertThat(properties.path("alarms").size()).isBetween(1, 100);
                    properties.path("alarms").forEach(arn -> assertThat(arn.asText()).startsWith("arn:aws:cloudwatch:" + REGION));
                }
                case "metric" -> {
                    assertThat(properties.path("region").asText()).isEqualTo(REGION);
                    assertThat(properties.path("view").asText("timeSeries")).isIn("timeSeries", "singleValue", "bar", "pie", "gauge", "table");
                    assertThat(properties.path("period").asInt(300) % 60).isZero();
                    assertThat(properties.path("metrics").size()).isPositive();
                    for (JsonNode metric : properties.path("metrics")) {
                        assertThat(metric.isArray()).as(metric.toString()).isTrue();
                        if (metric.path(0).isObject()) {
                            // An expression: one object, with the id CloudWatch needs to refer to it (lower-case first).
                            assertThat(metric.size()).isEqualTo(1);
                            assertThat(metric.path(0).path("id").asText()).matches("[a-z][a-zA-Z0-9_]*");
                        } else {
                            // Namespace, MetricName, then dimension name/value pairs, then optionally one rendering object.
                            int strings = metric.path(metric.size() - 1).isObject() ? metric.size() - 1 : metric.size();
                            assertThat(strings % 2).as("namespace, name and name/value pairs: %s", metric).isZero();
                            for (int i = 0; i < strings; i++) {
                                assertThat(metric.path(i).isTextual()).isTrue();
                            }
                        }
                    }
                }
                default -> throw new AssertionError("a widget type this dashboard does not use: " + type);
            }
        }
    }

    @Test
    void theDashboardListsEveryTableflowAlarm() {
        List<String> listed = new ArrayList<>();
        body().path("widgets").forEach(w -> w.path("properties").path("alarms").forEach(a -> listed.add(a.asText())));
        template.propertiesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            if (alarm.containsKey("Metrics") || id.equals("TableflowMetricsFailedAlarm")) { // the per-topic ones, and their source's
                assertThat(listed).contains(arn(id));
            }
        });
    }

    /** The body as deployed: !Sub resolved against the stack's own resources only, so a typo in a reference fails here. */
    private JsonNode body() {
        values.put("EnvironmentName", ENVIRONMENT);
        values.put("AWS::Region", REGION);
        template.resources().forEach((id, resource) -> {
            String type = String.valueOf(map(resource).get("Type"));
            if (type.equals("AWS::Serverless::StateMachine")) {
                values.put(id, "arn:aws:states:" + REGION + ":123456789012:stateMachine:" + id);
            } else if (type.equals("AWS::CloudWatch::Alarm")) {
                values.put(id + ".Arn", arn(id));
            }
        });
        Map<String, Object> properties = template.propertiesOfType("AWS::CloudWatch::Dashboard").get("TableflowDashboard");
        assertThat(properties).as("the dashboard").isNotNull();
        try {
            return JSON.readTree((String) SamTemplate.resolve(properties.get("DashboardBody"), values));
        } catch (Exception e) {
            throw new AssertionError("the dashboard body is not JSON", e);
        }
    }

    private static String arn(String alarmId) {
        return "arn:aws:cloudwatch:" + REGION + ":123456789012:alarm:" + alarmId;
    }
}
