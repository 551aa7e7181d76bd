package dev.tableflow.onboarding.testbed.confluent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Method + path-template routing ({@code /pim/v1/integrations/{id}}); literal segments win over variables. */
final class Router {

    @FunctionalInterface
    interface Handler {
        Reply handle(HttpCall call);
    }

    /**
     * @param mutating whether an accepted call changes state; false for the few POSTs that only read
     *                 (Schema Registry lookup and compatibility check), so write counters stay meaningful.
     */
    record Route(String method, String template, String[] segments, Handler handler, boolean mutating) {
    }

    record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    void get(String template, Handler handler) {
        add("GET", template, handler, false);
    }

    void post(String template, Handler handler) {
        add("POST", template, handler, true);
    }

    /** A POST that reads (lookups, compatibility checks). */
    void postQuery(String template, Handler handler) {
        add("POST", template, handler, false);
    }

    void put(String template, Handler handler) {
        add("PUT", template, handler, true);
    }

    void patch(String template, Handler handler) {
        add("PATCH", template, handler, true);
    }

    void delete(String template, Handler handler) {
        add("DELETE", template, handler, true);
    }

    private void add(String method, String template, Handler handler, boolean mutating) {
        routes.add(new Route(method, template, split(template), handler, mutating));
    }

    Optional<Match> match(String method, String rawPath) {
        String[] parts = split(rawPath);
        Match best = null;
        int bestLiterals = -1;
        for (Route route : routes) {
            if (!route.method.equals(method) || route.segments.length != parts.length) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            int literals = 0;
            boolean ok = true;
            for (int i = 0; i < parts.length && ok; i++) {
                String seg = route.segments[i];
                if (seg.startsWith("{") && seg.endsWith("}")) {
                    params.put(seg.substring(1, seg.length() - 1), HttpCall.decode(parts[i]));
                } else if (seg.equals(parts[i])) {
                    literals++;
                } else {
                    ok = false;
                }
            }
            if (ok && literals > bestLiterals) {
                best = new Match(route, params);
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.split("/", -1);
    }
}
