package dev.tableflow.onboarding.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One entry of an {@code aws events put-events --entries file://events/<file>.json} file, and the event EventBridge
 * delivers for it: the envelope rules are matched against, with {@code Detail} (a JSON string in the request) turned
 * into the {@code detail} object.
 */
record PutEventsEntry(String source, String detailType, String detail, String eventBusName, List<String> resources) {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_BUS = "default";

    static List<PutEventsEntry> read(Path file) {
        try {
            JsonNode entries = JSON.readTree(file.toFile());
            if (!entries.isArray() || entries.isEmpty()) {
                throw new AssertionError(file + " must be a non-empty PutEvents entries array");
            }
            List<PutEventsEntry> result = new ArrayList<>();
            for (JsonNode entry : entries) {
                List<String> resources = new ArrayList<>();
                entry.path("Resources").forEach(resource -> resources.add(resource.asText()));
                result.add(new PutEventsEntry(required(file, entry, "Source"), required(file, entry, "DetailType"),
                        required(file, entry, "Detail"), entry.path("EventBusName").asText(DEFAULT_BUS), List.copyOf(resources)));
            }
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    PutEventsEntry withSource(String newSource) {
        return new PutEventsEntry(newSource, detailType, detail, eventBusName, resources);
    }

    PutEventsEntry withDetailType(String newDetailType) {
        return new PutEventsEntry(source, newDetailType, detail, eventBusName, resources);
    }

    PutEventsEntry withDetail(String newDetail) {
        return new PutEventsEntry(source, detailType, newDetail, eventBusName, resources);
    }

    PutEventsEntry withEventBusName(String newEventBusName) {
        return new PutEventsEntry(source, detailType, detail, newEventBusName, resources);
    }

    /** The event as EventBridge delivers it to rules on {@link #eventBusName()}. */
    ObjectNode delivered(String account, String region, String time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", account);
        event.put("time", time);
        event.put("region", region);
        resources.forEach(event.putArray("resources")::add);
        try {
            JsonNode parsed = JSON.readTree(detail);
            if (!parsed.isObject()) {
                throw new AssertionError("Detail must be a JSON object, was: " + detail);
            }
            event.set("detail", parsed);
        } catch (IOException e) {
            throw new AssertionError("Detail is not JSON: " + detail, e);
        }
        return event;
    }

    private static String required(Path file, JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new AssertionError(file + ": every entry needs a string \"" + field + "\"");
        }
        return value.asText();
    }
}
