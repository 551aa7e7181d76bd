package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A deliberately small, deterministic stand-in for Schema Registry's JSON Schema BACKWARD check. A new schema is
 * incompatible with the previous one when, at any object level reachable through {@code properties}, it
 * <ul>
 *   <li>makes a property required that was not required before ({@code REQUIRED_PROPERTY_ADDED}),</li>
 *   <li>drops a property the previous schema defined ({@code PROPERTY_REMOVED}), or</li>
 *   <li>gives a property a different {@code type} ({@code TYPE_CHANGED}).</li>
 * </ul>
 * Everything else (new optional properties, descriptions, formats, ...) is compatible. The real registry knows many
 * more rules and treats removals from open content models as compatible; this is stricter on purpose, so clients
 * meet a 409 in tests for the changes that matter to TableFlow tables.
 */
final class JsonSchemaCompatibility {
    private JsonSchemaCompatibility() {
    }

    /** Differences in Schema Registry's verbose wording; empty means compatible. */
    static List<String> differences(JsonNode previous, JsonNode next) {
        List<String> out = new ArrayList<>();
        compare(previous, next, "#", out);
        return out;
    }

    private static void compare(JsonNode previous, JsonNode next, String path, List<String> out) {
        Set<String> requiredBefore = names(previous.path("required"));
        for (String name : names(next.path("required"))) {
            if (!requiredBefore.contains(name)) {
                out.add(difference(path + "/required/" + name, "REQUIRED_PROPERTY_ADDED"));
            }
        }
        JsonNode before = previous.path("properties");
        JsonNode after = next.path("properties");
        for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String propertyPath = path + "/properties/" + name;
            if (!after.has(name)) {
                out.add(difference(propertyPath, "PROPERTY_REMOVED"));
            } else if (!before.get(name).path("type").equals(after.get(name).path("type"))) {
                out.add(difference(propertyPath, "TYPE_CHANGED"));
            } else {
                compare(before.get(name), after.get(name), propertyPath, out);
            }
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new HashSet<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static String difference(String jsonPath, String type) {
        return "Found incompatible change: Difference{jsonPath='" + jsonPath + "', type=" + type + "}";
    }
}
