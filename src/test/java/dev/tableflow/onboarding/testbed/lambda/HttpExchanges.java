package dev.tableflow.onboarding.testbed.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the Runtime API and the Invoke API, both served by the JDK's HttpServer. */
final class HttpExchanges {

    static final ObjectMapper JSON = new ObjectMapper();

    private HttpExchanges() {
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().putIfAbsent("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    static void sendJson(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    /** The error document Lambda itself writes for failures outside the function's code. */
    static byte[] lambdaError(String errorType, String errorMessage) {
        try {
            return JSON.writeValueAsBytes(Map.of("errorType", errorType, "errorMessage", errorMessage));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
