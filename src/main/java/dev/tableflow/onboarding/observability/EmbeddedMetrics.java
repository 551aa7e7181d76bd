package dev.tableflow.onboarding.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.config.TableflowConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;

/**
 * Per-step metrics in CloudWatch's embedded metric format (EMF): one JSON document per invocation, written to stdout
 * as a line of its own, from which CloudWatch Logs extracts the metrics. It must be the whole log line, so it bypasses
 * the JSON log formatter, which would nest it inside a record's message.
 * <p>
 * Namespace {@value #NAMESPACE}; metrics {@code Duration} (Milliseconds) and {@code Retries} (Count); dimension sets
 * [Environment, Step] and [Environment, Step, Outcome]. No high-cardinality value is a dimension: the execution id
 * and the request id ride along as plain members, for Logs Insights.
 * <p>
 * TableFlow's own figures, per topic ({@link TopicRecord}), go into the same namespace with the one dimension set
 * [Environment, TopicName]: the dashboard graphs it per topic, and the alarms' Metrics Insights queries group it by
 * topic, so each topic is its own contributor to an alarm.
 */
@ApplicationScoped
public class EmbeddedMetrics {

    public static final String NAMESPACE = "TableflowOnboarding";
    /** The outcome of a step that reports none of its own (checks, confirmations, publications). */
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String TOPIC_NAME = "TopicName";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String environment;

    @Inject
    public EmbeddedMetrics(TableflowConfig config) {
        this(config.environmentName());
    }

    EmbeddedMetrics(String environment) {
        this.environment = environment;
    }

    /**
     * One invocation of a step.
     *
     * @param outcome          what the step did (CREATED, ADOPTED, ..., {@value #SUCCEEDED}) or, when it failed, the
     *                         error type Lambda reports and the state machines match
     * @param invocation       null when the function was invoked directly
     * @param inProcessRetries Confluent calls the invocation repeated itself (429, 5xx, timeouts)
     * @param requestId        Lambda's request id
     */
    public record StepRecord(String step, String outcome, long durationMillis, Invocation invocation, int inProcessRetries,
                             String requestId) {

        /**
         * Attempts that repeated an earlier one, so that the metric's Sum counts retries: 1 when Step Functions is
         * retrying this state (its RetryCount, in the logs, says which retry it is), plus each call repeated in process.
         */
        public int retries() {
            return (invocation != null && invocation.retryCount() > 0 ? 1 : 0) + inProcessRetries;
        }
    }

    /**
     * One topic's TableFlow figures for one minute, all counts.
     *
     * @param timestamp the minute the figures are of, not when they were read: CloudWatch files each datapoint under
     *                  its own time, so a figure read late still lands in its minute
     * @param values    metric name to value, in the order they are written
     */
    public record TopicRecord(String topic, Instant timestamp, Map<String, Double> values) {}

    public void emit(StepRecord record) {
        print(document(record, System.currentTimeMillis()));
    }

    public void emit(TopicRecord record) {
        print(document(record));
    }

    private static void print(String document) {
        System.out.println(document);
        System.out.flush();
    }

    String document(TopicRecord record) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode directive = root.putObject("_aws").put("Timestamp", record.timestamp().toEpochMilli())
                .putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions");
        dimensions.addArray().add("Environment").add(TOPIC_NAME);
        ArrayNode metrics = directive.putArray("Metrics");
        root.put("Environment", environment).put(TOPIC_NAME, record.topic());
        record.values().forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", "Count");
            root.put(name, value);
        });
        return root.toString();
    }

    String document(StepRecord record, long timestampMillis) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode directive = root.putObject("_aws").put("Timestamp", timestampMillis)
                .putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions");
        dimensions.addArray().add("Environment").add("Step");
        dimensions.addArray().add("Environment").add("Step").add("Outcome");
        ArrayNode metrics = directive.putArray("Metrics");
        metrics.addObject().put("Name", "Duration").put("Unit", "Milliseconds");
        metrics.addObject().put("Name", "Retries").put("Unit", "Count");
        root.put("Environment", environment).put("Step", record.step()).put("Outcome", record.outcome())
                .put("Duration", record.durationMillis()).put("Retries", record.retries());
        if (record.invocation() != null) {
            root.put(StepObserver.EXECUTION_ID, record.invocation().executionId())
                    .put(StepObserver.RETRY_COUNT, record.invocation().retryCount());
        }
        if (record.requestId() != null) {
            root.put(StepObserver.REQUEST_ID, record.requestId());
        }
        return root.toString();
    }
}
