package dev.tableflow.onboarding.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.monitoring.TableflowMetric;
import dev.tableflow.onboarding.observability.EmbeddedMetrics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The metrics the functions emit, as the dashboard and the alarms may name them: read from what EmbeddedMetrics prints. */
final class EmittedMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmittedMetrics() {}

    /** "Namespace Metric [Dim, ...]" for every metric the functions print, read from their real output. */
    static Set<String> of(String environment) {
        TableflowConfig config = (TableflowConfig) Proxy.newProxyInstance(TableflowConfig.class.getClassLoader(), new Class<?>[] {TableflowConfig.class},
                (proxy, method, args) -> method.getName().equals("environmentName") ? environment : null);
        EmbeddedMetrics metrics = new EmbeddedMetrics(config);
        Map<String, Double> every = new LinkedHashMap<>();
        TableflowMetric.cloudWatchNames().forEach(name -> every.put(name, 1.0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            metrics.emit(new EmbeddedMetrics.StepRecord("EnsureTopic", "CREATED", 1, null, 0, "r"));
            metrics.emit(new EmbeddedMetrics.TopicRecord("orders", Instant.now(), every));
        } finally {
            System.setOut(stdout);
        }
        Set<String> emitted = new TreeSet<>();
        out.toString(StandardCharsets.UTF_8).lines().forEach(line -> {
            try {
                for (JsonNode directive : JSON.readTree(line).path("_aws").path("CloudWatchMetrics")) {
                    for (JsonNode dimensions : directive.path("Dimensions")) {
                        Set<String> names = new TreeSet<>();
                        dimensions.forEach(d -> names.add(d.asText()));
                        directive.path("Metrics").forEach(m -> emitted.add(directive.path("Namespace").asText() + " " + m.path("Name").asText() + " " + names));
                    }
                }
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        });
        return emitted;
    }
}
