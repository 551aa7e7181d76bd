package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM v2 service accounts ({@code iam-v2.yaml}), read-only: accounts are seeded or added by tests. Clients read
 * {@code metadata.resource_name} ({@code crn://confluent.cloud/organization=<org>/service-account=<id>}) to learn the
 * organization id.
 */
public final class ServiceAccountsApi extends MockApi {
    private static final String PATH = "/iam/v2/service-accounts";

    private final Map<String, String> seeded;
    private final Map<String, ObjectNode> accounts = new LinkedHashMap<>();

    ServiceAccountsApi(CloudContext ctx, Map<String, String> seededIdToDisplayName) {
        super(ctx);
        this.seeded = new LinkedHashMap<>(seededIdToDisplayName);
        reset();
    }

    @Override
    void register(Router router) {
        router.get(PATH, this::list);
        router.get(PATH + "/{id}", call -> Reply.ok(require(call.pathParam("id"))));
    }

    @Override
    void reset() {
        accounts.clear();
        seeded.forEach(this::put);
    }

    private Reply list(HttpCall call) {
        List<String> names = call.query.getOrDefault("display_name", List.of());
        List<ObjectNode> matching = accounts.values().stream()
                .filter(sa -> names.isEmpty() || names.contains(sa.path("display_name").asText()))
                .toList();
        return Reply.ok(Pagination.page(call, ctx, "iam/v2", "ServiceAccountList", matching));
    }

    private ObjectNode require(String id) {
        ObjectNode sa = accounts.get(id);
        if (sa == null) {
            throw ApiException.notFound("Service account '" + id + "' was not found");
        }
        return sa;
    }

    private void put(String id, String displayName) {
        ObjectNode sa = Json.object();
        sa.put("api_version", "iam/v2");
        sa.put("kind", "ServiceAccount");
        sa.put("id", id);
        sa.set("metadata", ctx.metadata(PATH + "/" + id, resourceName(id)));
        sa.put("display_name", displayName);
        sa.put("description", "Seeded by ConfluentCloudTestServer");
        accounts.put(id, sa);
    }

    String resourceName(String id) {
        return ctx.crn("service-account=" + id);
    }

    boolean exists(String id) {
        return accounts.containsKey(id);
    }

    // ---- test-side view -------------------------------------------------------------------------------------

    /** Adds an account for this scenario (forgotten by {@code reset()}, unlike the seeded ones). */
    public void add(String id, String displayName) {
        locked(() -> put(id, displayName));
    }

    /** Deletes an account behind the client's back. */
    public boolean remove(String id) {
        return locked(() -> accounts.remove(id) != null);
    }

    public List<JsonNode> list() {
        return locked(() -> Json.copies(accounts.values()));
    }
}
