package dev.tableflow.onboarding.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMetricsTest {

    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:BootstrapStateMachine:run-1";
    final EmbeddedMetrics metrics = new EmbeddedMetrics("dev");

    @Test
    void aStepInvocationIsOneValidEmbeddedMetricDocument() {
        String line = metrics.document(new EmbeddedMetrics.StepRecord("EnsureTopic", "CREATED", 42,
                new Invocation(EXECUTION, 0), 0, "req-1"), 1_763_700_000_000L);

        JsonNode document = EmfSpec.parseLine(line);
        assertThat(EmfSpec.violations(document)).isEmpty();
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("TableflowOnboarding");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Environment\",\"Step\"],[\"Environment\",\"Step\",\"Outcome\"]]");
        assertThat(document.path("_aws").path("Timestamp").asLong()).isEqualTo(1_763_700_000_000L);
        assertThat(document.path("Environment").asText()).isEqualTo("dev");
        assertThat(document.path("Step").asText()).isEqualTo("EnsureTopic");
        assertThat(document.path("Outcome").asText()).isEqualTo("CREATED");
        assertThat(document.path("Duration").asLong()).isEqualTo(42);
        assertThat(document.path("Retries").asInt()).isZero();
        assertThat(document.path("executionId").asText()).isEqualTo(EXECUTION);
        assertThat(document.path("requestId").asText()).isEqualTo("req-1");
    }

    /** A TableFlow figure is filed under its own minute, per topic only: the alarms group the topics' series themselves. */
    @Test
    void aTopicsMinuteIsOneValidDocumentUnderThatMinuteWithTheTopicDimensionSet() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("RowsWritten", 120.0);
        values.put("RowsSkipped", 2.0);
        Instant minute = Instant.parse("2026-12-07T10:05:00Z");

        JsonNode document = EmfSpec.parseLine(metrics.document(new EmbeddedMetrics.TopicRecord("orders.v1", minute, values)));

        assertThat(EmfSpec.violations(document)).isEmpty();
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(document.path("_aws").path("Timestamp").asLong()).isEqualTo(minute.toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("TableflowOnboarding");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Environment\",\"TopicName\"]]");
        assertThat(directive.path("Metrics").toString())
                .isEqualTo("[{\"Name\":\"RowsWritten\",\"Unit\":\"Count\"},{\"Name\":\"RowsSkipped\",\"Unit\":\"Count\"}]");
        assertThat(document.path("Environment").asText()).isEqualTo("dev");
        assertThat(document.path("TopicName").asText()).isEqualTo("orders.v1");
        assertThat(document.path("RowsWritten").asDouble()).isEqualTo(120.0);
        assertThat(document.path("RowsSkipped").asDouble()).isEqualTo(2.0);
    }

    @Test
    void retriesCountTheStateRetryOnceAndEveryCallRepeatedInProcess() {
        assertThat(new EmbeddedMetrics.StepRecord("S", "ADOPTED", 1, new Invocation(EXECUTION, 3), 2, "r").retries()).isEqualTo(3);
        assertThat(new EmbeddedMetrics.StepRecord("S", "ADOPTED", 1, new Invocation(EXECUTION, 0), 1, "r").retries()).isEqualTo(1);
        assertThat(new EmbeddedMetrics.StepRecord("S", "ADOPTED", 1, null, 0, "r").retries()).isZero();
    }

    @Test
    void aDirectInvocationHasNoExecutionIdAndAFailureNamesItsErrorType() {
        String line = metrics.document(new EmbeddedMetrics.StepRecord("ReportStatus",
                "dev.tableflow.onboarding.errors.RetryableException", 7, null, 0, "req-2"), 1L);

        JsonNode document = EmfSpec.parseLine(line);
        assertThat(EmfSpec.violations(document)).isEmpty();
        assertThat(document.has("executionId")).isFalse();
        assertThat(document.path("Outcome").asText()).isEqualTo("dev.tableflow.onboarding.errors.RetryableException");
    }

    @Test
    void theSpecCheckRefusesWhatCloudWatchWouldNotExtract() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode valid = (ObjectNode) json.readTree(metrics.document(
                new EmbeddedMetrics.StepRecord("EnsureTopic", "CREATED", 42, null, 0, "r"), 1L));

        ObjectNode missingDimension = valid.deepCopy();
        missingDimension.remove("Step");
        ObjectNode textMetric = valid.deepCopy().put("Duration", "42");
        ObjectNode badUnit = valid.deepCopy();
        ((ObjectNode) badUnit.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").path(0)).put("Unit", "ms");
        ObjectNode noTimestamp = valid.deepCopy();
        ((ObjectNode) noTimestamp.path("_aws")).remove("Timestamp");
        ObjectNode emptyDimensionValue = valid.deepCopy().put("Outcome", "");

        assertThat(EmfSpec.violations(valid)).isEmpty();
        assertThat(EmfSpec.violations(missingDimension)).anyMatch(p -> p.contains("\"Step\""));
        assertThat(EmfSpec.violations(textMetric)).anyMatch(p -> p.contains("\"Duration\""));
        assertThat(EmfSpec.violations(badUnit)).anyMatch(p -> p.startsWith("schema:"));
        assertThat(EmfSpec.violations(noTimestamp)).anyMatch(p -> p.contains("Timestamp"));
        assertThat(EmfSpec.violations(emptyDimensionValue)).anyMatch(p -> p.contains("\"Outcome\""));
    }
}
