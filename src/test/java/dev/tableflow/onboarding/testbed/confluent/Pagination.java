package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Confluent's list envelope {@code {api_version, kind, metadata:{first,next}, data}}. {@code next} is a full URL that
 * repeats the caller's filters and adds an opaque {@code page_token}; it is absent on the last page.
 */
final class Pagination {
    static final int MAX_PAGE_SIZE = 100;
    private static final String TOKEN_PREFIX = "offset:";

    private Pagination() {
    }

    static ObjectNode page(HttpCall call, CloudContext ctx, String apiVersion, String kind, List<? extends JsonNode> items) {
        int size = pageSize(call, ctx.defaultPageSize());
        int offset = offset(call.query("page_token"));
        if (offset > items.size()) {
            throw ApiException.badRequest("The page_token is not valid for this collection");
        }
        int end = Math.min(items.size(), offset + size);

        ObjectNode list = Json.object();
        list.put("api_version", apiVersion);
        list.put("kind", kind);
        ObjectNode metadata = list.putObject("metadata");
        metadata.put("first", link(call, ctx, null));
        if (end < items.size()) {
            metadata.put("next", link(call, ctx, encode(end)));
        }
        ArrayNode data = list.putArray("data");
        items.subList(offset, end).forEach(item -> data.add(item.deepCopy()));
        return list;
    }

    private static int pageSize(HttpCall call, int defaultSize) {
        String raw = call.query("page_size");
        if (raw == null) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(raw);
            if (size > MAX_PAGE_SIZE) {
                throw ApiException.badRequest("page_size must be at most " + MAX_PAGE_SIZE);
            }
            return size <= 0 ? defaultSize : size;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("page_size must be an integer");
        }
    }

    static int offset(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!decoded.startsWith(TOKEN_PREFIX)) {
                throw new IllegalArgumentException(decoded);
            }
            return Integer.parseInt(decoded.substring(TOKEN_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid page_token '" + token + "'");
        }
    }

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The request's own URL with every parameter but page_token kept, plus the given token. */
    private static String link(HttpCall call, CloudContext ctx, String token) {
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, List<String>> param : call.query.entrySet()) {
            if (!param.getKey().equals("page_token")) {
                param.getValue().forEach(v -> query.add(enc(param.getKey()) + "=" + enc(v)));
            }
        }
        if (token != null) {
            query.add("page_token=" + token);
        }
        String q = query.toString();
        return ctx.url(call.path) + (q.isEmpty() ? "" : "?" + q);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
