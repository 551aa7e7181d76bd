package dev.tableflow.onboarding.testbed.lambda;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parts of {@code template.yaml} the test bed runs: the Quarkus functions (handler, timeout, memory,
 * environment, with {@code Globals.Function} applied as SAM does) and the state machines' definition files.
 */
public final class SamTemplate {

    static final String HANDLER_VARIABLE = "QUARKUS_LAMBDA_HANDLER";
    public static final String LOG_FORMAT_VARIABLE = "AWS_LAMBDA_LOG_FORMAT";

    private final Path file;
    private final JsonNode json;

    private SamTemplate(Path file, JsonNode json) {
        this.file = file;
        this.json = json;
    }

    public static SamTemplate load(Path file) {
        return new SamTemplate(file, CloudFormationYaml.read(file));
    }

    /** The whole template, intrinsics in long form ({@code {"Ref": "X"}}). */
    public JsonNode json() {
        return json;
    }

    /** Every {@code AWS::Serverless::Function} that selects a handler with {@value #HANDLER_VARIABLE}. */
    public Map<String, FunctionSpec> functions() {
        JsonNode globals = json.path("Globals").path("Function");
        Map<String, FunctionSpec> functions = new LinkedHashMap<>();
        resourcesOfType("AWS::Serverless::Function").forEach((id, properties) -> {
            Map<String, String> environment = new LinkedHashMap<>();
            Set<String> unresolved = new HashSet<>();
            for (JsonNode scope : new JsonNode[]{globals, properties}) {
                scope.path("Environment").path("Variables").properties().forEach(variable -> {
                    // A later scope overrides an earlier one whichever kind of value either holds.
                    environment.remove(variable.getKey());
                    unresolved.remove(variable.getKey());
                    if (variable.getValue().isValueNode()) {
                        environment.put(variable.getKey(), variable.getValue().asText());
                    } else {
                        unresolved.add(variable.getKey());
                    }
                });
            }
            // Lambda tells the runtime the function's LoggingConfig.LogFormat; its runtime client then logs in JSON.
            for (JsonNode scope : new JsonNode[]{globals, properties}) {
                JsonNode format = scope.path("LoggingConfig").path("LogFormat");
                if (format.isTextual()) {
                    environment.put(LOG_FORMAT_VARIABLE, format.asText().toUpperCase(Locale.ROOT));
                }
            }
            String handler = environment.remove(HANDLER_VARIABLE);
            if (handler != null) {
                functions.put(id, new FunctionSpec(id, handler,
                        Duration.ofSeconds(intProperty("Timeout", properties, globals,
                                (int) FunctionSpec.DEFAULT_TIMEOUT.toSeconds())),
                        intProperty("MemorySize", properties, globals, FunctionSpec.DEFAULT_MEMORY_MB),
                        environment, unresolved));
            }
        });
        return functions;
    }

    public FunctionSpec function(String logicalId) {
        FunctionSpec spec = functions().get(logicalId);
        if (spec == null) {
            throw new IllegalArgumentException(file + " declares no Quarkus function " + logicalId
                    + "; it has " + functions().keySet());
        }
        return spec;
    }

    /** Each {@code AWS::Serverless::StateMachine}'s {@code DefinitionUri}, resolved against the template's folder. */
    public Map<String, Path> stateMachineDefinitions() {
        Map<String, Path> definitions = new LinkedHashMap<>();
        resourcesOfType("AWS::Serverless::StateMachine").forEach((id, properties) -> {
            if (properties.path("DefinitionUri").isTextual()) {
                definitions.put(id, file.toAbsolutePath().getParent()
                        .resolve(properties.path("DefinitionUri").asText()).normalize());
            }
        });
        return definitions;
    }

    /** The properties of every resource of a type, by logical id, intrinsics in long form. */
    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        json.path("Resources").properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals(type)) {
                resources.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        });
        return resources;
    }

    /** The function's value, else Globals', else the default; an intrinsic (e.g. {@code !Ref}) counts as absent. */
    private static int intProperty(String name, JsonNode properties, JsonNode globals, int defaultValue) {
        for (JsonNode scope : new JsonNode[]{properties, globals}) {
            JsonNode value = scope.path(name);
            if (value.canConvertToInt() || (value.isTextual() && value.asText().matches("\\d+"))) {
                return value.asInt();
            }
        }
        return defaultValue;
    }
}
