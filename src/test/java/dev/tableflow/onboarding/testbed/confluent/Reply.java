package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer a handler produced; the dispatcher adds the common headers and sends it. */
record Reply(int status, String contentType, String body, Map<String, String> headers) {

    static Reply json(int status, JsonNode body) {
        return new Reply(status, "application/json", Json.write(body), Map.of());
    }

    static Reply ok(JsonNode body) {
        return json(200, body);
    }

    static Reply noContent() {
        return new Reply(204, null, null, Map.of());
    }

    /** 201/202 answers carry the new resource's URL, as the contracts declare. */
    static Reply created(int status, JsonNode body, String location) {
        return json(status, body).header("Location", location);
    }

    Reply header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, contentType, body, copy);
    }

    Reply contentType(String type) {
        return new Reply(status, type, body, headers);
    }
}
