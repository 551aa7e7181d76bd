package dev.tableflow.onboarding.testbed.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A request's input against its shape in the service model, with the model's own constraints: required members,
 * no member the shape does not declare, member types, enums, and the {@code min}/{@code max}/{@code pattern} traits
 * (lengths of strings, lists and maps; ranges of numbers). A Smithy pattern is not implicitly anchored: the value must
 * contain a match. In the Query protocol every value is text and lists and maps are numbered ({@link QueryForm}).
 */
final class ShapeCheck {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private final JsonNode model;
    private final String operation;
    private final boolean query;
    private final List<String> violations;

    ShapeCheck(JsonNode model, String operation, boolean query, List<String> violations) {
        this.model = model;
        this.operation = operation;
        this.query = query;
        this.violations = violations;
    }

    void check(JsonNode shape, JsonNode value, String path) {
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> structure(shape, value, path);
            case "list" -> list(shape, value, path);
            case "map" -> map(shape, value, path);
            case "string" -> string(shape, value, path);
            case "boolean" -> expect(query ? value.isTextual() && value.asText().matches("true|false") : value.isBoolean(), path, "a boolean");
            case "integer", "long" -> integral(shape, value, path);
            case "float", "double" -> expect(query ? value.isTextual() && value.asText().matches("-?[0-9.eE+-]+|NaN|-?Infinity") : value.isNumber(), path, "a number");
            case "timestamp" -> timestamp(value, path);
            case "blob" -> expect(value.isTextual() && isBase64(value.asText()), path, "base64 text");
            case "document" -> expect(!query, path, "a document, which the Query protocol cannot send");
            default -> violations.add(operation + ": " + where(path) + " has a shape of type " + type + " this check does not know");
        }
    }

    private void structure(JsonNode shape, JsonNode value, String path) {
        if (!expect(value.isObject(), path, "a structure")) {
            return;
        }
        JsonNode members = shape.path("members");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String member = memberNamed(members, field.getKey());
            if (member == null) {
                violations.add(operation + ": " + where(join(path, field.getKey())) + " is not a member of " + shapeName(shape));
            } else {
                check(shape(members.get(member)), field.getValue(), join(path, field.getKey()));
            }
        }
        for (JsonNode required : shape.path("required")) {
            JsonNode reference = members.path(required.asText());
            if (!value.has(reference.path("locationName").asText(required.asText()))) {
                violations.add(operation + ": " + where(join(path, required.asText())) + " is required and missing");
            }
        }
    }

    /** The member a serialized name stands for: its {@code locationName} when it has one, else its own name. */
    private static String memberNamed(JsonNode members, String serialized) {
        for (Map.Entry<String, JsonNode> member : members.properties()) {
            if (member.getValue().path("locationName").asText(member.getKey()).equals(serialized)) {
                return member.getKey();
            }
        }
        return null;
    }

    private void list(JsonNode shape, JsonNode value, String path) {
        JsonNode member = shape.path("member");
        List<JsonNode> items = new ArrayList<>();
        if (query) {
            // An empty list is sent as "Name=" (botocore's and the SDK's Query serializers); else Name.member.N, or Name.N flattened.
            if (!(value.isTextual() && value.asText().isEmpty())) {
                JsonNode numbered = shape.path("flattened").asBoolean(false) ? value : value.path(member.path("locationName").asText("member"));
                if (!numbered(numbered, path, items)) {
                    return;
                }
            }
        } else if (expect(value.isArray(), path, "a list")) {
            value.forEach(items::add);
        } else {
            return;
        }
        size(shape, items.size(), path, "items");
        for (int i = 0; i < items.size(); i++) {
            check(shape(member), items.get(i), path + "[" + (i + 1) + "]");
        }
    }

    private void map(JsonNode shape, JsonNode value, String path) {
        JsonNode keyShape = shape(shape.path("key"));
        JsonNode valueShape = shape(shape.path("value"));
        if (query) {
            List<JsonNode> entries = new ArrayList<>();
            if (!numbered(shape.path("flattened").asBoolean(false) ? value : value.path("entry"), path, entries)) {
                return;
            }
            size(shape, entries.size(), path, "entries");
            String keyName = shape.path("key").path("locationName").asText("key");
            String valueName = shape.path("value").path("locationName").asText("value");
            for (int i = 0; i < entries.size(); i++) {
                check(keyShape, entries.get(i).path(keyName), path + ".entry." + (i + 1) + "." + keyName);
                check(valueShape, entries.get(i).path(valueName), path + ".entry." + (i + 1) + "." + valueName);
            }
            return;
        }
        if (!expect(value.isObject(), path, "a map")) {
            return;
        }
        size(shape, value.size(), path, "entries");
        value.properties().forEach(entry -> {
            check(keyShape, TextNode.valueOf(entry.getKey()), path + " key");
            check(valueShape, entry.getValue(), path + "." + entry.getKey());
        });
    }

    /** Query lists and maps: an object numbered 1..N without gaps. */
    private boolean numbered(JsonNode numbered, String path, List<JsonNode> items) {
        if (!expect(numbered.isObject(), path, "numbered items (.member.N or .entry.N)")) {
            return false;
        }
        for (int i = 1; i <= numbered.size(); i++) {
            if (!numbered.has(String.valueOf(i))) {
                violations.add(operation + ": " + where(path) + " is not numbered 1.." + numbered.size() + " without gaps");
                return false;
            }
            items.add(numbered.get(String.valueOf(i)));
        }
        return true;
    }

    private void string(JsonNode shape, JsonNode value, String path) {
        if (!expect(value.isTextual(), path, "a string")) {
            return;
        }
        String text = value.asText();
        if (shape.has("enum") && !contains(shape.path("enum"), text)) {
            violations.add(operation + ": " + where(path) + " is not one of " + shapeName(shape) + "'s values " + shape.path("enum"));
        }
        size(shape, text.codePointCount(0, text.length()), path, "characters");
        if (shape.has("pattern")) {
            if (!pattern(shape.path("pattern").asText()).matcher(text).find()) {
                violations.add(operation + ": " + where(path) + " does not match " + shapeName(shape) + "'s pattern " + shape.path("pattern").asText());
            }
        }
    }

    private void integral(JsonNode shape, JsonNode value, String path) {
        boolean ok = query ? value.isTextual() && value.asText().matches("-?\\d+") : value.isIntegralNumber();
        if (expect(ok, path, "an integer")) {
            long number = Long.parseLong(value.asText());
            if (shape.has("min") && number < shape.path("min").asLong() || shape.has("max") && number > shape.path("max").asLong()) {
                violations.add(operation + ": " + where(path) + " is outside " + shapeName(shape) + "'s range " + shape.path("min") + ".." + shape.path("max"));
            }
        }
    }

    /** JSON protocols send epoch seconds; the Query protocol ISO 8601. */
    private void timestamp(JsonNode value, String path) {
        if (!query) {
            expect(value.isNumber(), path, "a timestamp in epoch seconds");
            return;
        }
        boolean ok = value.isTextual();
        try {
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.asText());
        } catch (RuntimeException e) {
            ok = false;
        }
        expect(ok, path, "an ISO 8601 timestamp");
    }

    private void size(JsonNode shape, long size, String path, String unit) {
        if (shape.has("min") && size < shape.path("min").asLong() || shape.has("max") && size > shape.path("max").asLong()) {
            violations.add(operation + ": " + where(path) + " has " + size + " " + unit + ", outside " + shapeName(shape) + "'s "
                    + shape.path("min").asText("0") + ".." + shape.path("max").asText(""));
        }
    }

    private boolean expect(boolean ok, String path, String what) {
        if (!ok) {
            violations.add(operation + ": " + where(path) + " must be " + what);
        }
        return ok;
    }

    /** The shape a member or list item refers to. */
    private JsonNode shape(JsonNode reference) {
        return model.path("shapes").path(reference.path("shape").asText());
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A pattern Java cannot compile is left unchecked (the empty pattern) rather than guessed at. */
    private static Pattern pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                return Pattern.compile("");
            }
        });
    }

    private static boolean contains(JsonNode values, String text) {
        for (JsonNode value : values) {
            if (value.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private String shapeName(JsonNode shape) {
        for (Map.Entry<String, JsonNode> entry : model.path("shapes").properties()) {
            if (entry.getValue() == shape) {
                return entry.getKey();
            }
        }
        return "the input";
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the input" : path;
    }
}
