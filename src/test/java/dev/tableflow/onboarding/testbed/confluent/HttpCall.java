package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One received request, decoded once, plus what routing and authentication learned about it. */
final class HttpCall {
    final String requestId;
    final String method;
    final String path;
    final String rawQuery;
    final Map<String, List<String>> query;
    final Map<String, List<String>> headers;
    final String body;
    Map<String, String> pathParams = Map.of();
    /** Set by authentication: the API key the caller presented. */
    ApiKeysApi.StoredKey caller;

    HttpCall(String requestId, String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        this.headers = headers;
        this.body = body;
    }

    String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst().orElse(null);
    }

    String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    /** Required query parameters: the contract marks them so; without a spec we still enforce them. */
    String requireQuery(String name) {
        String value = query(name);
        if (value == null) {
            throw ApiException.badRequest("Query parameter '" + name + "' is required");
        }
        return value;
    }

    String pathParam(String name) {
        return pathParams.get(name);
    }

    JsonNode json() {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("A request body is required");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (!node.isObject()) {
                throw ApiException.badRequest("The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Malformed JSON: " + e.getOriginalMessage());
        }
    }

    boolean mutatingMethod() {
        return switch (method) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
