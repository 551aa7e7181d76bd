package dev.tableflow.onboarding.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.lambda.SamTemplate;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * template.yaml's CloudWatch side in moto: its alarms and dashboard as a deploy creates them, the functions' EMF lines
 * turned into metric data as CloudWatch extracts them, and each TableFlow alarm's contributors as CloudWatch documents
 * a Metrics Insights alarm grouped by a dimension ("each returned time series becomes a contributor"; a time series
 * "only exists when data is present"). moto stores such an alarm's query but evaluates none, and answers a Metrics
 * Insights query with the sum of every metric: so the contributors are worked out here from moto's ListMetrics and
 * GetMetricData, for the one query form the template uses.
 */
public final class CloudWatchMonitoring implements AutoCloseable {

    /** The operator's SNS topic the bed deploys the stack with (the AlarmTopicArn parameter). */
    public static final String ALARM_TOPIC = "arn:aws:sns:" + TestBed.REGION + ":" + TestBed.ACCOUNT + ":tableflow-alarms";
    /** SELECT FN(Metric) FROM SCHEMA("Namespace", Dim, ...) WHERE Dim = 'value' GROUP BY Dim */
    private static final Pattern QUERY = Pattern.compile(
            "SELECT (SUM|MAX)\\((\\w+)\\) FROM SCHEMA\\(\"([\\w/]+)\", ([\\w, ]+)\\) WHERE (\\w+) = '([\\w-]+)' GROUP BY (\\w+)");

    /** One TableFlow alarm's query, read back from CloudWatch. */
    public record PerTopicQuery(String function, String metric, String namespace, Set<String> schema, String whereName,
            String whereValue, String groupBy) {}

    private final CloudWatchClient cloudwatch;
    private final SamTemplate template;
    private final String region;

    CloudWatchMonitoring(CloudWatchClient cloudwatch, Path template, String region) {
        this.cloudwatch = cloudwatch;
        this.template = SamTemplate.load(template);
        this.region = region;
    }

    /** Every alarm and the dashboard of template.yaml, with the stack's parameters as the bed deploys it. */
    void deploy() {
        alarmResources().forEach((id, alarm) -> cloudwatch.putMetricAlarm(alarmRequest(alarm)));
        template.resourcesOfType("AWS::CloudWatch::Dashboard").forEach((id, dashboard) -> cloudwatch.putDashboard(r -> r
                .dashboardName(resolve(dashboard.path("DashboardName"))).dashboardBody(resolve(dashboard.path("DashboardBody")))));
    }

    /** template.yaml's alarms, by logical id, their properties unresolved. */
    public Map<String, JsonNode> alarmResources() {
        return template.resourcesOfType("AWS::CloudWatch::Alarm");
    }

    /** An alarm's name as deployed. */
    public String name(JsonNode alarm) {
        return resolve(alarm.path("AlarmName"));
    }

    public MetricAlarm describe(String alarmName) {
        List<MetricAlarm> found = cloudwatch.describeAlarms(r -> r.alarmNames(alarmName)).metricAlarms();
        if (found.size() != 1) {
            throw new AssertionError("CloudWatch holds " + found.size() + " alarms named " + alarmName);
        }
        return found.getFirst();
    }

    public String dashboardBody(String name) {
        return cloudwatch.getDashboard(r -> r.dashboardName(name)).dashboardBody();
    }

    /** The query of a Metrics Insights alarm grouped by a dimension, or null for an alarm on one metric. */
    public static PerTopicQuery query(MetricAlarm alarm) {
        List<MetricDataQuery> returned = alarm.metrics().stream().filter(q -> Boolean.TRUE.equals(q.returnData())).toList();
        if (returned.isEmpty()) {
            return null;
        }
        if (returned.size() != 1) {
            throw new AssertionError("one query must return the alarm's data: " + alarm.metrics());
        }
        return parse(returned.getFirst().expression());
    }

    /** A Metrics Insights query of the one form the template's per-topic alarms use; anything else fails. */
    public static PerTopicQuery parse(String expression) {
        Matcher m = QUERY.matcher(expression);
        if (!m.matches()) {
            throw new AssertionError("not the one Metrics Insights query form this bed evaluates: " + expression);
        }
        return new PerTopicQuery(m.group(1), m.group(2), m.group(3), new TreeSet<>(List.of(m.group(4).split(", "))), m.group(5),
                m.group(6), m.group(7));
    }

    /**
     * What CloudWatch extracts from the functions' EMF documents: each metric under each of its dimension sets, at the
     * document's timestamp (embedded metric format specification).
     */
    public void publish(List<JsonNode> documents) {
        for (JsonNode document : documents) {
            Instant timestamp = Instant.ofEpochMilli(document.path("_aws").path("Timestamp").asLong());
            for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
                List<MetricDatum> data = new ArrayList<>();
                for (JsonNode dimensionSet : directive.path("Dimensions")) {
                    List<Dimension> dimensions = new ArrayList<>();
                    dimensionSet.forEach(name -> dimensions.add(Dimension.builder().name(name.asText())
                            .value(document.path(name.asText()).asText()).build()));
                    directive.path("Metrics").forEach(metric -> data.add(MetricDatum.builder().metricName(metric.path("Name").asText())
                            .unit(StandardUnit.fromValue(metric.path("Unit").asText())).value(document.path(metric.path("Name").asText()).asDouble())
                            .timestamp(timestamp).dimensions(dimensions).build()));
                }
                cloudwatch.putMetricData(r -> r.namespace(directive.path("Namespace").asText()).metricData(data));
            }
        }
    }

    /**
     * The contributors of a per-topic alarm evaluated at {@code end}: each series its query selects that has data in the
     * alarm's evaluation range (EvaluationPeriods periods before {@code end}), by its group-by value, with whether
     * DatapointsToAlarm of its periods breach the threshold (ALARM) or not (OK).
     */
    public Map<String, Boolean> contributors(String alarmName, Instant end) {
        MetricAlarm alarm = describe(alarmName);
        PerTopicQuery query = query(alarm);
        int period = alarm.metrics().stream().filter(q -> Boolean.TRUE.equals(q.returnData())).findFirst().orElseThrow().period();
        Instant start = end.minus(Duration.ofSeconds((long) period * alarm.evaluationPeriods()));
        Map<String, Boolean> contributors = new TreeMap<>();
        for (Metric series : series(query)) {
            List<Double> values = cloudwatch.getMetricData(r -> r.startTime(start).endTime(end).metricDataQueries(q -> q.id("series")
                    .metricStat(s -> s.metric(series).period(period).stat(query.function().equals("SUM") ? "Sum" : "Maximum"))))
                    .metricDataResults().getFirst().values();
            if (!values.isEmpty()) {
                long breaching = values.stream().filter(v -> breaches(alarm.comparisonOperator(), v, alarm.threshold())).count();
                String group = series.dimensions().stream().filter(d -> d.name().equals(query.groupBy())).findFirst().orElseThrow().value();
                contributors.merge(group, breaching >= alarm.datapointsToAlarm(), Boolean::logicalOr);
            }
        }
        return contributors;
    }

    /** The series SCHEMA selects: the metric with exactly the schema's dimensions, filtered by the WHERE clause. */
    private List<Metric> series(PerTopicQuery query) {
        return cloudwatch.listMetricsPaginator(r -> r.namespace(query.namespace()).metricName(query.metric())
                        .dimensions(DimensionFilter.builder().name(query.whereName()).value(query.whereValue()).build()))
                .metrics().stream()
                .filter(m -> m.dimensions().stream().map(Dimension::name).collect(Collectors.toCollection(TreeSet::new)).equals(query.schema()))
                .toList();
    }

    @Override
    public void close() {
        cloudwatch.close();
    }

    private static boolean breaches(ComparisonOperator operator, double value, double threshold) {
        return switch (operator) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
            default -> throw new AssertionError("an operator this bed does not evaluate: " + operator);
        };
    }

    private PutMetricAlarmRequest alarmRequest(JsonNode alarm) {
        PutMetricAlarmRequest.Builder request = PutMetricAlarmRequest.builder().alarmName(name(alarm))
                .alarmDescription(resolve(alarm.path("AlarmDescription"))).evaluationPeriods(alarm.path("EvaluationPeriods").asInt())
                .threshold(Double.parseDouble(resolve(alarm.path("Threshold")))).comparisonOperator(alarm.path("ComparisonOperator").asText())
                .treatMissingData(alarm.path("TreatMissingData").asText()).alarmActions(resolve(alarm.path("AlarmActions").path("Fn::If").path(1).path(0)));
        if (alarm.has("DatapointsToAlarm")) {
            request.datapointsToAlarm(alarm.path("DatapointsToAlarm").asInt());
        }
        if (alarm.has("Metrics")) {
            List<MetricDataQuery> queries = new ArrayList<>();
            alarm.path("Metrics").forEach(q -> queries.add(MetricDataQuery.builder().id(q.path("Id").asText())
                    .expression(resolve(q.path("Expression"))).period(q.path("Period").asInt()).returnData(q.path("ReturnData").asBoolean()).build()));
            return request.metrics(queries).build();
        }
        List<Dimension> dimensions = new ArrayList<>();
        alarm.path("Dimensions").forEach(d -> dimensions.add(Dimension.builder().name(d.path("Name").asText()).value(resolve(d.path("Value"))).build()));
        return request.namespace(alarm.path("Namespace").asText()).metricName(alarm.path("MetricName").asText()).dimensions(dimensions)
                .statistic(alarm.path("Statistic").asText()).period(alarm.path("Period").asInt()).build();
    }

    /**
     * A property as CloudFormation resolves it for this bed's stack: parameters (EnvironmentName, AlarmTopicArn, and
     * the rest at their defaults), resources by their logical id as name, an alarm's {@code .Arn}.
     */
    private String resolve(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.has("Ref")) {
            return value(node.path("Ref").asText());
        }
        if (node.has("Fn::Sub")) {
            Matcher variable = Pattern.compile("\\$\\{([^}]+)}").matcher(node.path("Fn::Sub").asText());
            return variable.replaceAll(v -> Matcher.quoteReplacement(value(v.group(1))));
        }
        throw new AssertionError("an intrinsic this bed does not resolve: " + node);
    }

    private String value(String name) {
        String known = Map.of("EnvironmentName", TestBed.ENVIRONMENT, "AlarmTopicArn", ALARM_TOPIC, "AWS::Region", region,
                "AWS::AccountId", TestBed.ACCOUNT).get(name);
        if (known != null) {
            return known;
        }
        if (name.endsWith(".Arn")) {
            String id = name.substring(0, name.length() - ".Arn".length());
            return "arn:aws:cloudwatch:" + region + ":" + TestBed.ACCOUNT + ":alarm:" + name(template.json().path("Resources").path(id).path("Properties"));
        }
        JsonNode parameter = template.json().path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            return parameter.path("Default").asText();
        }
        if (template.json().path("Resources").has(name)) {
            return name;
        }
        throw new AssertionError("nothing in template.yaml named " + name);
    }
}
