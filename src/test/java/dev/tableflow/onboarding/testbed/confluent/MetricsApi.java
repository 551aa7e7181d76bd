package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Confluent Cloud Metrics API v2 ({@code metrics-v2.yaml}), dataset {@code cloud}: the metric descriptors and the
 * query, with the rules the spec states. A query takes one aggregation; needs a resource filter (the dataset
 * authorizes by it); its interval may be at most 6 hours at {@code PT1M}, 1 day at {@code PT5M}, ...; groups come in
 * lexicographic order, {@code limit} per page, the next page by {@code meta.pagination.next_page_token}; points within a
 * group newest first. A minute's points are served only once {@link #latency} has passed ("typically within 5
 * minutes", Metric Data Latency). A Cloud API key whose owner has neither the MetricsViewer role nor the metrics access
 * of an administrator is refused with 403. 429s are the server's {@link Faults}.
 */
public final class MetricsApi extends MockApi {
    public static final String ROWS_ADDED = "io.confluent.tableflow/rows_added";
    public static final String ROWS_SKIPPED = "io.confluent.tableflow/rows_skipped";
    public static final String KAFKA_TOPIC_OFFSET = "io.confluent.tableflow/kafka_topic_offset";
    public static final String TABLE_OFFSET = "io.confluent.tableflow/table_offset";
    static final String VIEWER_ROLE = "MetricsViewer";
    private static final String BASE = "/v2/metrics/{dataset}";
    private static final int DEFAULT_DESCRIPTORS_PAGE = 100;
    private static final int DEFAULT_LIMIT = 100;
    /** The spec's Granularity table: the longest interval each granularity may query. */
    private static final Map<String, Duration> MAX_INTERVAL = Map.of("PT1M", Duration.ofHours(6), "PT5M", Duration.ofDays(1),
            "PT15M", Duration.ofDays(4), "PT30M", Duration.ofDays(7));

    /** Descriptors served: Kafka's (as in the spec's example) and TableFlow's, each metric per topic. */
    private static final List<String[]> CATALOGUE = List.of(
            new String[] {"io.confluent.kafka.server/received_bytes", "COUNTER_INT64", "By", "kafka"},
            new String[] {"io.confluent.kafka.server/sent_bytes", "COUNTER_INT64", "By", "kafka"},
            new String[] {ROWS_ADDED, "COUNTER_INT64", "1", "kafka"},
            new String[] {ROWS_SKIPPED, "COUNTER_INT64", "1", "kafka"},
            new String[] {KAFKA_TOPIC_OFFSET, "GAUGE_INT64", "1", "kafka"},
            new String[] {TABLE_OFFSET, "GAUGE_INT64", "1", "kafka"});

    private final RoleBindingsApi roleBindings;
    private final String cloudKeyOwner;
    /** metric → cluster → topic → minute → value. */
    private final Map<String, Map<String, Map<String, TreeMap<Instant, Double>>>> series = new LinkedHashMap<>();
    private final List<String> withdrawn = new ArrayList<>();
    private Duration latency;
    private boolean ownerIsAdmin;

    MetricsApi(CloudContext ctx, RoleBindingsApi roleBindings, String cloudKeyOwner) {
        super(ctx);
        this.roleBindings = roleBindings;
        this.cloudKeyOwner = cloudKeyOwner;
        reset();
    }

    @Override
    void register(Router router) {
        router.get(BASE + "/descriptors/metrics", this::descriptors);
        router.postQuery(BASE + "/query", this::query);
    }

    @Override
    void reset() {
        series.clear();
        withdrawn.clear();
        latency = Duration.ofMinutes(3);
        ownerIsAdmin = true;
    }

    private Reply descriptors(HttpCall call) {
        requireAccess(call);
        int size = call.query("page_size") == null ? DEFAULT_DESCRIPTORS_PAGE : Integer.parseInt(call.query("page_size"));
        List<ObjectNode> all = CATALOGUE.stream().filter(d -> !withdrawn.contains(d[0])).map(MetricsApi::descriptor).toList();
        return Reply.ok(page(all, size, call.query("page_token"), "data", true));
    }

    private Reply query(HttpCall call) {
        requireAccess(call);
        JsonNode body = call.json();
        String metric = body.path("aggregations").path(0).path("metric").asText();
        if (CATALOGUE.stream().noneMatch(d -> d[0].equals(metric)) || withdrawn.contains(metric)) {
            throw ApiException.badRequest("Unknown metric '" + metric + "'");
        }
        String granularity = body.path("granularity").asText();
        List<Instant[]> intervals = new ArrayList<>();
        body.path("intervals").forEach(i -> intervals.add(interval(i.asText(), granularity)));
        JsonNode filter = body.path("filter");
        if (!mentions(filter, "resource.kafka.id")) {
            throw ApiException.badRequest("Queries on dataset cloud need a resource filter, e.g. resource.kafka.id");
        }
        List<String> groupBy = new ArrayList<>();
        body.path("group_by").forEach(g -> groupBy.add(g.asText()));
        if (!groupBy.isEmpty() && !groupBy.equals(List.of("metric.topic"))) {
            throw new ApiException(501, "not_implemented", "Not Implemented", "only group_by [metric.topic] is simulated", 0, null);
        }
        if (body.has("format") && !body.path("format").asText().equals("FLAT")) {
            throw new ApiException(501, "not_implemented", "Not Implemented", "only the FLAT format is simulated", 0, null);
        }
        if (call.query("page_token") != null && groupBy.isEmpty()) {
            throw ApiException.badRequest("Pagination is only supported for requests containing a group_by element");
        }
        Instant available = Instant.now().minus(latency);
        // group → bucket → sum; the groups in lexicographic order, as the spec says.
        TreeMap<String, TreeMap<Instant, Double>> groups = new TreeMap<>();
        series.getOrDefault(metric, Map.of()).forEach((cluster, topics) -> topics.forEach((topic, points) -> {
            if (!matches(filter, Map.of("resource.kafka.id", cluster, "metric.topic", topic))) {
                return;
            }
            points.forEach((minute, value) -> {
                if (!minute.plus(Duration.ofMinutes(1)).isAfter(available) && intervals.stream().anyMatch(i -> !minute.isBefore(i[0]) && minute.isBefore(i[1]))) {
                    Instant bucket = bucket(minute, granularity, intervals.getFirst()[0]);
                    groups.computeIfAbsent(groupBy.isEmpty() ? "" : topic, g -> new TreeMap<>()).merge(bucket, value, Double::sum);
                }
            });
        }));
        List<ObjectNode> rows = new ArrayList<>();
        groups.forEach((topic, buckets) -> {
            ObjectNode group = Json.object();
            ArrayNode points = group.putArray("points");
            buckets.descendingMap().forEach((time, value) -> {
                ObjectNode point = points.addObject().put("timestamp", time.toString()).put("value", value);
                if (!groupBy.isEmpty()) {
                    point.put("metric.topic", topic);
                }
            });
            rows.add(group);
        });
        int limit = body.has("limit") ? body.path("limit").asInt() : DEFAULT_LIMIT;
        ObjectNode page = page(rows, limit, call.query("page_token"), "groups", !groupBy.isEmpty());
        ArrayNode flat = Json.array();
        page.remove("groups").forEach(group -> group.path("points").forEach(flat::add));
        page.set("data", flat);
        return Reply.ok(page);
    }

    private void requireAccess(HttpCall call) {
        String owner = call.caller == null ? null : call.caller.ownerId;
        boolean admin = ownerIsAdmin && cloudKeyOwner.equals(owner);
        if (!admin && !roleBindings.holds("User:" + owner, VIEWER_ROLE)) {
            throw new ApiException(403, "forbidden", "Forbidden", "The principal " + owner
                    + " is not authorized to access the Metrics API for the requested resources", 0, null);
        }
    }

    private static ObjectNode page(List<ObjectNode> items, int size, String token, String field, boolean paged) {
        if (size < 1 || size > 1000) {
            throw ApiException.badRequest("page_size and limit must be between 1 and 1000");
        }
        int offset = token == null ? 0 : Pagination.offset(token);
        int end = paged ? Math.min(items.size(), offset + size) : items.size();
        ObjectNode page = Json.object();
        ArrayNode data = page.putArray(field);
        items.subList(Math.min(offset, items.size()), end).forEach(data::add);
        ObjectNode pagination = page.putObject("meta").putObject("pagination").put("page_size", size).put("total_size", items.size());
        if (end < items.size()) {
            pagination.put("next_page_token", Pagination.encode(end));
        }
        return page;
    }

    private static Instant[] interval(String text, String granularity) {
        String[] parts = text.split("/");
        try {
            Instant start = Instant.parse(parts[0]);
            Instant end = parts[1].startsWith("P") ? start.plus(Duration.parse(parts[1])) : Instant.parse(parts[1]);
            Duration max = MAX_INTERVAL.get(granularity);
            if (max != null && Duration.between(start, end).compareTo(max) > 0) {
                throw ApiException.badRequest("Interval " + text + " is longer than " + max + ", the most granularity " + granularity + " allows");
            }
            return new Instant[] {start, end};
        } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw ApiException.badRequest("Invalid interval '" + text + "' (only <start>/<end> and <start>/<duration> are simulated)");
        }
    }

    private static Instant bucket(Instant minute, String granularity, Instant intervalStart) {
        if (granularity.equals("ALL")) {
            return intervalStart;
        }
        long size = Duration.parse(granularity.equals("P1D") ? "PT24H" : granularity).toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(minute.toEpochMilli(), size) * size);
    }

    private static boolean mentions(JsonNode filter, String field) {
        if (field.equals(filter.path("field").asText()) && filter.path("op").asText().equals("EQ")) {
            return true;
        }
        for (JsonNode inner : filter.path("filters")) {
            if (filter.path("op").asText().equals("AND") && mentions(inner, field)) {
                return true;
            }
        }
        return false;
    }

    /** The spec's filter operators: EQ, GT, GTE (labels compared lexicographically), AND, OR, NOT. */
    private static boolean matches(JsonNode filter, Map<String, String> labels) {
        String op = filter.path("op").asText();
        return switch (op) {
            case "AND" -> inner(filter).stream().allMatch(f -> matches(f, labels));
            case "OR" -> inner(filter).stream().anyMatch(f -> matches(f, labels));
            case "NOT" -> !matches(filter.path("filter"), labels);
            default -> {
                String value = labels.get(filter.path("field").asText());
                int order = value == null ? -1 : value.compareTo(filter.path("value").asText());
                yield value != null && (op.equals("EQ") ? order == 0 : op.equals("GT") ? order > 0 : order >= 0);
            }
        };
    }

    private static List<JsonNode> inner(JsonNode compound) {
        List<JsonNode> filters = new ArrayList<>();
        compound.path("filters").forEach(filters::add);
        return filters;
    }

    private static ObjectNode descriptor(String[] d) {
        ObjectNode descriptor = Json.object();
        descriptor.put("name", d[0]).put("description", "The " + d[0].substring(d[0].indexOf('/') + 1).replace('_', ' ') + " per minute.")
                .put("type", d[1]).put("unit", d[2]).put("lifecycle_stage", "PREVIEW").put("exportable", true);
        descriptor.putArray("resources").add(d[3]);
        descriptor.putArray("labels").addObject().put("key", "topic").put("description", "The name of the Kafka topic.").put("exportable", true);
        return descriptor;
    }

    // ---- test-side view -------------------------------------------------------------------------------------

    /** A figure TableFlow reported for {@code topic} of the seeded cluster, for the minute starting at {@code minute}. */
    public void record(String metric, String topic, Instant minute, double value) {
        locked(() -> {
            series.computeIfAbsent(metric, m -> new LinkedHashMap<>()).computeIfAbsent(ctx.firstKafkaClusterId(), c -> new LinkedHashMap<>())
                    .computeIfAbsent(topic, t -> new TreeMap<>()).put(minute.truncatedTo(ChronoUnit.MINUTES), value);
        });
    }

    /** The descriptors endpoint stops offering {@code metric}, as when Confluent renames or retires one. */
    public void withdraw(String metric) {
        locked(() -> {
            withdrawn.add(metric);
        });
    }

    /** How long after its minute a point is served. */
    public void latency(Duration latency) {
        locked(() -> {
            this.latency = latency;
        });
    }

    /** The Cloud API key's owner loses the administrator's metrics access: only a MetricsViewer binding lets it in. */
    public void revokeAdminAccess() {
        locked(() -> {
            ownerIsAdmin = false;
        });
    }

    /** The seeded Cloud API key's owner ({@code User:<id>} in a role binding). */
    public String cloudKeyOwner() {
        return cloudKeyOwner;
    }
}
