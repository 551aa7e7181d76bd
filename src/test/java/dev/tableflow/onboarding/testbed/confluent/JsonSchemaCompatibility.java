package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Schema Registry's BACKWARD check for JSON Schema (its default level), for the shapes topics register: objects with
 * {@code properties}, {@code required}, {@code additionalProperties} and {@code patternProperties}, down to typed
 * leaves. The rules and the names of the differences are those of the registry's own {@code ObjectSchemaDiff} and
 * {@code SchemaDiff} (confluentinc/schema-registry, json-schema-provider), comparing the latest registered schema
 * (the original) with the candidate (the update). What surprises people is the content model: an object without
 * {@code additionalProperties: false} is open, so a property added to it is incompatible
 * ({@code PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL}, unless its schema is {@code {}}), and a property removed from it is
 * compatible. Leaves are compared by {@code type} only ({@code TYPE_CHANGED}); the registry's finer leaf rules
 * (lengths, bounds, enums, unions) are not modelled, and a change the test bed does not model counts as compatible.
 */
final class JsonSchemaCompatibility {

    /** The registry's {@code SchemaDiff.COMPATIBLE_CHANGES}, for the differences compared here. */
    private static final Set<String> COMPATIBLE = Set.of("REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED", "REQUIRED_ATTRIBUTE_REMOVED",
            "ADDITIONAL_PROPERTIES_ADDED", "ADDITIONAL_PROPERTIES_EXTENDED", "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL",
            "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL", "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
            "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL", "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
            "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL");

    private record Difference(String jsonPath, String type) {
        boolean compatible() {
            return COMPATIBLE.contains(type);
        }
    }

    private JsonSchemaCompatibility() {
    }

    /** The incompatible differences in Schema Registry's verbose wording; empty means compatible. */
    static List<String> differences(JsonNode previous, JsonNode next) {
        List<Difference> found = new ArrayList<>();
        compare(previous, next, "#", found);
        return found.stream().filter(d -> !d.compatible())
                .map(d -> "Found incompatible change: Difference{jsonPath='" + d.jsonPath() + "', type=" + d.type() + "}").toList();
    }

    private static void compare(JsonNode original, JsonNode update, String path, List<Difference> out) {
        if (original.isBoolean() && !original.asBoolean() || isEmpty(update)) {
            return; // from false, or to an empty schema: anything reads
        }
        if (!typeOf(original).equals(typeOf(update))) {
            out.add(new Difference(path, "TYPE_CHANGED"));
        } else if (isObject(original)) {
            compareRequired(original, update, path, out);
            compareProperties(original, update, path, out);
            compareAdditionalProperties(original, update, path, out);
        }
    }

    private static void compareRequired(JsonNode original, JsonNode update, String path, List<Difference> out) {
        Set<String> requiredBefore = names(original.path("required"));
        Set<String> requiredAfter = names(update.path("required"));
        for (String key : keys(original.path("properties"))) {
            if (update.path("properties").has(key)) {
                String keyPath = path + "/required/" + key;
                if (requiredBefore.contains(key) && !requiredAfter.contains(key)) {
                    out.add(new Difference(keyPath, "REQUIRED_ATTRIBUTE_REMOVED"));
                } else if (!requiredBefore.contains(key) && requiredAfter.contains(key)) {
                    out.add(new Difference(keyPath, update.path("properties").path(key).has("default")
                            ? "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED" : "REQUIRED_ATTRIBUTE_ADDED"));
                }
            }
        }
    }

    private static void compareProperties(JsonNode original, JsonNode update, String path, List<Difference> out) {
        Set<String> keys = new LinkedHashSet<>(keys(original.path("properties")));
        keys.addAll(keys(update.path("properties")));
        for (String key : keys) {
            String keyPath = path + "/properties/" + key;
            JsonNode before = original.path("properties").get(key);
            JsonNode after = update.path("properties").get(key);
            if (after == null) {
                // Only the update's content model matters: a property may go only where the update still admits it.
                JsonNode partial = schemaFromPartiallyOpenModel(update, key);
                if (isOpen(update)) {
                    out.add(new Difference(keyPath, "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL"));
                } else if (partial != null) {
                    out.add(new Difference(keyPath, covered(before, partial, keyPath, out)
                            ? "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" : "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"));
                } else {
                    out.add(new Difference(keyPath, before.isBoolean() && !before.asBoolean()
                            ? "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL" : "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"));
                }
            } else if (before == null) {
                // Only the original's content model matters: an open one may already have held any value there.
                if (isOpen(original)) {
                    out.add(new Difference(keyPath, isEmpty(after)
                            ? "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL" : "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"));
                    continue;
                }
                JsonNode partial = schemaFromPartiallyOpenModel(original, key);
                if (partial != null) {
                    out.add(new Difference(keyPath, covered(partial, after, keyPath, out)
                            ? "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" : "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"));
                }
                if (names(update.path("required")).contains(key)) {
                    out.add(new Difference(keyPath, after.has("default")
                            ? "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL" : "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"));
                } else {
                    out.add(new Difference(keyPath, "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"));
                }
            } else {
                compare(before, after, keyPath, out);
            }
        }
    }

    private static void compareAdditionalProperties(JsonNode original, JsonNode update, String path, List<Difference> out) {
        String additionalPath = path + "/additionalProperties";
        JsonNode before = schemaOfAdditionalProperties(original);
        JsonNode after = schemaOfAdditionalProperties(update);
        if (permitsAdditionalProperties(original) != permitsAdditionalProperties(update)) {
            out.add(new Difference(additionalPath, permitsAdditionalProperties(update) ? "ADDITIONAL_PROPERTIES_ADDED" : "ADDITIONAL_PROPERTIES_REMOVED"));
        } else if (before == null && after != null) {
            out.add(new Difference(additionalPath, "ADDITIONAL_PROPERTIES_NARROWED"));
        } else if (before != null && after == null) {
            out.add(new Difference(additionalPath, "ADDITIONAL_PROPERTIES_EXTENDED"));
        } else if (before != null) {
            compare(before, after, additionalPath, out);
        }
    }

    /** Compares in a sub-context, as the registry does for partially open models: adds what it found, says if all is compatible. */
    private static boolean covered(JsonNode original, JsonNode update, String path, List<Difference> out) {
        List<Difference> sub = new ArrayList<>();
        compare(original, update, path, sub);
        out.addAll(sub);
        return sub.stream().allMatch(Difference::compatible);
    }

    /** The declared type; an untyped schema with {@code properties} is an object schema to the registry's parser too. */
    private static String typeOf(JsonNode schema) {
        return schema.has("type") ? schema.get("type").toString() : schema.has("properties") ? "\"object\"" : "";
    }

    private static boolean isObject(JsonNode schema) {
        return typeOf(schema).equals("\"object\"");
    }

    private static boolean isEmpty(JsonNode schema) {
        return schema.isObject() && schema.isEmpty() || schema.isBoolean() && schema.asBoolean();
    }

    private static boolean permitsAdditionalProperties(JsonNode schema) {
        return !(schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean());
    }

    /** A schema for additional properties; {@code true} or absent is none (everit's {@code getSchemaOfAdditionalProperties}). */
    private static JsonNode schemaOfAdditionalProperties(JsonNode schema) {
        JsonNode additional = schema.path("additionalProperties");
        return additional.isObject() ? additional : null;
    }

    private static boolean isOpen(JsonNode schema) {
        return schema.path("patternProperties").isEmpty() && schemaOfAdditionalProperties(schema) == null && permitsAdditionalProperties(schema);
    }

    private static JsonNode schemaFromPartiallyOpenModel(JsonNode schema, String key) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("patternProperties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pattern = it.next();
            if (Pattern.compile(pattern.getKey()).matcher(key).find()) {
                return pattern.getValue();
            }
        }
        return schemaOfAdditionalProperties(schema);
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
