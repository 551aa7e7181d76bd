package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.testbed.confluent.ApiFamily.ErrorStyle;
import java.util.Map;

/** The one place error bodies are built, in both shapes Confluent uses. */
final class ErrorBodies {
    private ErrorBodies() {
    }

    /**
     * Management APIs: {@code {"errors":[{"id","status","code","title","detail"}]}} (the spec's {@code Failure}).
     * Kafka REST and Schema Registry: {@code {"error_code": <int>, "message": "..."}}.
     */
    static ObjectNode body(ErrorStyle style, ApiException e, String requestId) {
        ObjectNode body = Json.object();
        if (style == ErrorStyle.CODE_AND_MESSAGE) {
            body.put("error_code", e.errorCode != 0 ? e.errorCode : e.status);
            body.put("message", e.getMessage());
            return body;
        }
        ObjectNode error = body.putArray("errors").addObject();
        error.put("id", requestId);
        error.put("status", Integer.toString(e.status));
        if (e.code != null) {
            error.put("code", e.code);
        }
        error.put("title", e.title != null ? e.title : reason(e.status));
        error.put("detail", e.getMessage());
        return body;
    }

    static Reply reply(ErrorStyle style, ApiException e, String requestId) {
        Reply reply = Reply.json(e.status, body(style, e, requestId));
        if (e.status == 401 && style == ErrorStyle.MANAGEMENT) {
            reply = reply.header("WWW-Authenticate", "Basic error=\"invalid_key\", error_description=\"The API Key is invalid\"");
        }
        return e.location != null ? reply.header("Location", e.location) : reply;
    }

    /**
     * Kafka REST's contract declares its 429 as the text/html page Jetty's DoSFilter renders, not as JSON; everything
     * else uses the family's JSON shape.
     */
    static Reply faultReply(ApiFamily family, ErrorStyle style, ApiException e, String requestId) {
        if (family == ApiFamily.KAFKA_REST && e.status == 429) {
            String html = "<html><head><title>Error 429 Too Many Requests</title></head><body><h2>HTTP ERROR 429 Too Many "
                    + "Requests</h2></body></html>";
            return new Reply(429, "text/html;charset=utf-8", html, Map.of());
        }
        return reply(style, e, requestId);
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Authentication Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Validation Failed";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
