package dev.tableflow.onboarding.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * template.yaml as plain maps and lists, the way CloudFormation reads it: each short-form tag becomes its long form
 * ({@code !Ref X} → {@code {"Ref": "X"}}, {@code !GetAtt A.B} → {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub s}
 * → {@code {"Fn::Sub": "s"}}), so tests see the same structure the SAM translator sees.
 */
record SamTemplate(Path directory, Map<String, Object> root) {

    static final String FUNCTION = "AWS::Serverless::Function";
    static final String STATE_MACHINE = "AWS::Serverless::StateMachine";

    private static final List<String> SHORT_FORMS = List.of("Ref", "Condition", "Base64", "Cidr", "FindInMap", "GetAtt",
            "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
            "ToJsonString", "Length");

    /** The project's template; Surefire runs with the project directory as {@code basedir}. */
    static SamTemplate load() {
        Path directory = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        try (Reader reader = Files.newBufferedReader(directory.resolve("template.yaml"))) {
            Map<String, Object> root = new Yaml(new CloudFormationConstructor()).load(reader);
            return new SamTemplate(directory, root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template.yaml in " + directory, e);
        }
    }

    Map<String, Object> resources() {
        return map(root, "Resources");
    }

    Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(resources(), logicalId);
        if (resource.isEmpty()) {
            throw new AssertionError("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    /** Logical id → Properties of every resource of the given type, in template order. */
    Map<String, Map<String, Object>> propertiesOfType(String type) {
        return resources().entrySet().stream()
                .filter(e -> type.equals(map(e.getValue()).get("Type")))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> map(e.getValue(), "Properties"),
                        (a, b) -> a, LinkedHashMap::new));
    }

    Map<String, Object> globalFunction() {
        return map(map(root, "Globals"), "Function");
    }

    /** Every combination of values of the template's Conditions: a deployment sees exactly one of them. */
    List<Map<String, Boolean>> conditionCases() {
        List<String> names = List.copyOf(map(root, "Conditions").keySet());
        if (names.size() > 8) {
            throw new AssertionError("too many Conditions to try every combination: " + names);
        }
        List<Map<String, Boolean>> cases = new ArrayList<>();
        for (int bits = 0; bits < 1 << names.size(); bits++) {
            Map<String, Boolean> values = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                values.put(names.get(i), (bits >> i & 1) == 1);
            }
            cases.add(values);
        }
        return cases;
    }

    /**
     * The template's Conditions as CloudFormation evaluates them for one deployment's parameter values (a
     * CommaDelimitedList as the list of its items): Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::Join, Ref and Condition.
     */
    Map<String, Boolean> conditions(Map<String, ?> parameters) {
        Map<String, Object> declared = map(root, "Conditions");
        Map<String, Boolean> values = new LinkedHashMap<>();
        declared.keySet().forEach(name -> values.put(name, condition(declared, declared.get(name), parameters)));
        return values;
    }

    private static boolean condition(Map<String, Object> declared, Object node, Map<String, ?> parameters) {
        Map<String, Object> function = map(node);
        if (function.get("Condition") instanceof String name) {
            return condition(declared, declared.get(name), parameters);
        }
        List<Object> arguments = list(function.values().iterator().next());
        return switch (function.keySet().iterator().next()) {
            case "Fn::Not" -> !condition(declared, arguments.getFirst(), parameters);
            case "Fn::And" -> arguments.stream().allMatch(a -> condition(declared, a, parameters));
            case "Fn::Or" -> arguments.stream().anyMatch(a -> condition(declared, a, parameters));
            case "Fn::Equals" -> value(arguments.get(0), parameters).equals(value(arguments.get(1), parameters));
            default -> throw new AssertionError("condition function not modelled: " + node);
        };
    }

    private static Object value(Object node, Map<String, ?> parameters) {
        if (node instanceof Map<?, ?> m && m.get("Fn::Join") instanceof List<?> join) {
            return list(resolve(join.get(1), parameters)).stream().map(String::valueOf).collect(Collectors.joining(String.valueOf(join.get(0))));
        }
        return resolve(node, parameters);
    }

    /**
     * The node as CloudFormation sees it for the given condition values: each {@code Fn::If} replaced by the branch it
     * picks, and {@code AWS::NoValue} removed from lists and maps.
     */
    static Object choose(Object node, Map<String, Boolean> conditions) {
        if (node instanceof List<?> items) {
            return items.stream().map(item -> choose(item, conditions)).filter(item -> !isNoValue(item)).toList();
        }
        if (!(node instanceof Map<?, ?> m)) {
            return node;
        }
        if (m.size() == 1 && m.get("Fn::If") instanceof List<?> branches) {
            if (branches.size() != 3 || !conditions.containsKey(String.valueOf(branches.getFirst()))) {
                throw new AssertionError("Fn::If on an unknown condition: " + m);
            }
            return choose(branches.get(conditions.get(String.valueOf(branches.getFirst())) ? 1 : 2), conditions);
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        m.forEach((key, value) -> {
            Object branch = choose(value, conditions);
            if (!isNoValue(branch)) {
                chosen.put(String.valueOf(key), branch);
            }
        });
        return chosen;
    }

    private static boolean isNoValue(Object node) {
        return node instanceof Map<?, ?> m && m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"));
    }

    // ----- small navigation helpers: absent keys read as empty maps and lists, so assertions can say what is missing

    static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        if (current == null) {
            return Map.of();
        }
        if (!(current instanceof Map<?, ?>)) {
            throw new AssertionError("expected a map at " + String.join(".", path) + " but found " + current);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) current;
        return result;
    }

    /** A list, or a single value read as a list of one (IAM accepts both for Action and Resource). */
    static List<Object> list(Object node) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof List<?> l) {
            return List.copyOf(l);
        }
        return List.of(node);
    }

    /** The logical id in {@code {"Ref": "X"}} or {@code {"Ref": "X.Alias"}} or {@code {"Fn::GetAtt": ["X", ...]}}. */
    static String referencedId(Object node) {
        if (!(node instanceof Map<?, ?>)) {
            return null;
        }
        Map<String, Object> intrinsic = map(node);
        if (intrinsic.get("Ref") instanceof String ref) {
            return ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
        }
        if (intrinsic.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty()) {
            return String.valueOf(getAtt.getFirst());
        }
        return null;
    }

    /**
     * Replaces {@code Ref}, {@code Fn::GetAtt} (its value named "Resource.Attribute") and {@code Fn::Sub} by the given
     * values. Anything it cannot resolve fails, so a test never
     * matches against a half-resolved pattern.
     */
    static Object resolve(Object node, Map<String, ?> values) {
        if (node instanceof List<?> list) {
            return list.stream().map(item -> resolve(item, values)).toList();
        }
        if (!(node instanceof Map<?, ?> m)) {
            return node;
        }
        if (m.size() == 1 && m.get("Ref") instanceof String ref) {
            if (!values.containsKey(ref)) {
                throw new AssertionError("no value for {Ref: " + ref + "}");
            }
            return values.get(ref);
        }
        if (m.size() == 1 && m.get("Fn::GetAtt") instanceof List<?> getAtt) {
            String attribute = getAtt.stream().map(String::valueOf).collect(Collectors.joining("."));
            if (!values.containsKey(attribute)) {
                throw new AssertionError("no value for {Fn::GetAtt: " + attribute + "}");
            }
            return values.get(attribute);
        }
        if (m.size() == 1 && m.get("Fn::Sub") instanceof String sub) {
            Matcher variable = Pattern.compile("\\$\\{([^}!]+)}").matcher(sub);
            StringBuilder resolved = new StringBuilder();
            while (variable.find()) {
                String name = variable.group(1);
                if (!values.containsKey(name)) {
                    throw new AssertionError("no value for ${" + name + "} in !Sub " + sub);
                }
                variable.appendReplacement(resolved, Matcher.quoteReplacement(String.valueOf(values.get(name))));
            }
            return variable.appendTail(resolved).toString();
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        m.forEach((key, value) -> {
            if (String.valueOf(key).startsWith("Fn::")) {
                throw new AssertionError("cannot resolve " + key + " here: " + m);
            }
            resolved.put(String.valueOf(key), resolve(value, values));
        });
        return resolved;
    }

    /** SnakeYAML's safe constructor plus CloudFormation's short-form intrinsic tags. */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String name : SHORT_FORMS) {
                yamlConstructors.put(new Tag("!" + name), new Intrinsic(name));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("unexpected YAML node " + node);
                };
                if (name.equals("GetAtt") && value instanceof String dotted) {
                    value = List.of(dotted.split("\\.", 2));
                }
                String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                return Map.of(key, value);
            }
        }
    }
}
