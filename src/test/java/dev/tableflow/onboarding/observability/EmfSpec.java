package dev.tableflow.onboarding.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CloudWatch's embedded metric format specification, as a test checks it: the JSON schema the specification publishes
 * ({@code src/test/resources/emf/}, its source named there), and the specification's rules that schema leaves out.
 */
public final class EmfSpec {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Schema SCHEMA = load();
    private static final Set<String> DIRECTIVE_MEMBERS = Set.of("Namespace", "Dimensions", "Metrics");
    private static final Set<String> DEFINITION_MEMBERS = Set.of("Name", "Unit", "StorageResolution");
    /** The current specification allows 30 keys per DimensionSet (the published schema still says 9). */
    private static final int MAX_DIMENSION_KEYS = 30;
    private static final int MAX_METRICS = 100;
    private static final int MAX_VALUES = 100;
    /** CloudWatch's Dimension: a value is 1 to 1024 ASCII characters, not only whitespace, no control characters. */
    private static final String DIMENSION_VALUE = "(?=.*\\S)[\\x20-\\x7E]{1,1024}";

    private EmfSpec() {}

    /** "The LogEvent message MUST be a valid JSON object with no additional data at the beginning or end." */
    public static JsonNode parseLine(String line) {
        try {
            JsonNode document = STRICT.readTree(line);
            if (document == null || !document.isObject() || !line.strip().equals(line)) {
                throw new AssertionError("not one JSON object alone on its line: " + line);
            }
            return document;
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** Whether a log line is meant as an EMF document (it has the metadata member). */
    public static boolean isEmf(JsonNode document) {
        return document.has("_aws");
    }

    /** Every way {@code document} breaks the specification; empty when it is a valid EMF document. */
    public static List<String> violations(JsonNode document) {
        List<String> problems = new ArrayList<>(SCHEMA.validate(document.toString(), InputFormat.JSON).stream()
                .map(error -> "schema: " + error.getInstanceLocation() + " " + error.getMessage()).toList());
        if (!problems.isEmpty()) {
            return problems;
        }
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            directive.fieldNames().forEachRemaining(name -> {
                if (!DIRECTIVE_MEMBERS.contains(name)) {
                    problems.add("MetricDirective has a member the specification does not define: " + name);
                }
            });
            for (JsonNode dimensionSet : directive.path("Dimensions")) {
                if (dimensionSet.size() > MAX_DIMENSION_KEYS) {
                    problems.add("DimensionSet with more than " + MAX_DIMENSION_KEYS + " keys: " + dimensionSet);
                }
                for (JsonNode key : dimensionSet) {
                    JsonNode target = document.get(key.asText());
                    if (target == null || !target.isTextual()) {
                        problems.add("dimension " + key + " has no string member on the root node");
                    } else if (!target.asText().matches(DIMENSION_VALUE)) {
                        problems.add("dimension " + key + " has a value CloudWatch refuses: " + target);
                    }
                }
            }
            if (directive.path("Metrics").size() > MAX_METRICS) {
                problems.add("more than " + MAX_METRICS + " MetricDefinitions");
            }
            for (JsonNode definition : directive.path("Metrics")) {
                definition.fieldNames().forEachRemaining(name -> {
                    if (!DEFINITION_MEMBERS.contains(name)) {
                        problems.add("MetricDefinition has a member the specification does not define: " + name);
                    }
                });
                JsonNode target = document.get(definition.path("Name").asText());
                boolean numbers = target != null && target.isArray() && target.size() <= MAX_VALUES
                        && target.valueStream().allMatch(JsonNode::isNumber);
                if (target == null || !(target.isNumber() || numbers)) {
                    problems.add("metric " + definition.path("Name") + " has no numeric member (or array of at most "
                            + MAX_VALUES + " numbers) on the root node");
                }
            }
        }
        return problems;
    }

    private static Schema load() {
        try (InputStream in = EmfSpec.class.getResourceAsStream("/emf/embedded-metric-format.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
