package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RBAC role bindings ({@code iam-v2-role-bindings.yaml}). Note the contract's DELETE answers 200 with the deleted
 * binding, not 204. {@code crn_pattern} in list is a partial (substring) match, the other filters exact. The seeded
 * service account starts as the README's set-up leaves it: EnvironmentAdmin on the environment (the operator's grant,
 * which tests may revoke); {@link #grants} answers whether a principal holds a role on a resource, as the APIs that
 * answer 403 ask.
 */
public final class RoleBindingsApi extends MockApi {
    private static final String PATH = "/iam/v2/role-bindings";

    /** Roles that hold every permission within their scope. */
    private static final Set<String> ADMIN_ROLES = Set.of("OrganizationAdmin", "EnvironmentAdmin");

    private final ServiceAccountsApi serviceAccounts;
    private final String seededServiceAccount;
    private final Map<String, ObjectNode> bindings = new LinkedHashMap<>();
    /** Bindings made through the API that are not in effect yet: how many more checks each still fails. */
    private final Map<String, Integer> propagating = new HashMap<>();
    private int propagationChecks;
    private String operatorGrant;

    RoleBindingsApi(CloudContext ctx, ServiceAccountsApi serviceAccounts, String seededServiceAccount) {
        super(ctx);
        this.serviceAccounts = serviceAccounts;
        this.seededServiceAccount = seededServiceAccount;
        reset();
    }

    @Override
    void register(Router router) {
        router.get(PATH, this::list);
        router.post(PATH, this::create);
        router.get(PATH + "/{id}", call -> Reply.ok(require(call.pathParam("id"))));
        router.delete(PATH + "/{id}", call -> Reply.ok(bindings.remove(require(call.pathParam("id")).get("id").asText())));
    }

    @Override
    void reset() {
        bindings.clear();
        propagating.clear();
        propagationChecks = 0;
        operatorGrant = store("User:" + seededServiceAccount, "EnvironmentAdmin", environmentCrn()).path("id").asText();
    }

    private String environmentCrn() {
        return "crn://confluent.cloud/organization=" + ctx.organizationId + "/environment=" + ctx.environmentId;
    }

    private Reply list(HttpCall call) {
        String crnPattern = call.requireQuery("crn_pattern");
        String principal = call.query("principal");
        String role = call.query("role_name");
        List<ObjectNode> matching = bindings.values().stream()
                .filter(b -> b.path("crn_pattern").asText().contains(crnPattern))
                .filter(b -> principal == null || principal.equals(b.path("principal").asText()))
                .filter(b -> role == null || role.equals(b.path("role_name").asText()))
                .toList();
        return Reply.ok(Pagination.page(call, ctx, "iam/v2", "RoleBindingList", matching));
    }

    private Reply create(HttpCall call) {
        JsonNode body = call.json();
        String principal = Json.requireText(body, "principal");
        String role = Json.requireText(body, "role_name");
        String crnPattern = Json.requireText(body, "crn_pattern");
        if (!principal.matches("^(User|Group):.+$")) {
            throw ApiException.badRequest("principal '" + principal + "' must look like User:<id> or Group:<id>");
        }
        String principalId = principal.substring(principal.indexOf(':') + 1);
        if (principalId.startsWith("sa-") && !serviceAccounts.exists(principalId)) {
            throw ApiException.badRequest("principal '" + principal + "' is not a service account of this organization");
        }
        if (!crnPattern.startsWith("crn://")) {
            throw ApiException.badRequest("crn_pattern '" + crnPattern + "' is not a CRN");
        }
        for (ObjectNode existing : bindings.values()) {
            if (principal.equals(existing.path("principal").asText()) && role.equals(existing.path("role_name").asText())
                    && crnPattern.equals(existing.path("crn_pattern").asText())) {
                throw ApiException.conflict("Role binding already exists", existing.path("metadata").path("self").asText());
            }
        }
        ObjectNode binding = store(principal, role, crnPattern);
        if (propagationChecks > 0) {
            propagating.put(binding.path("id").asText(), propagationChecks);
        }
        return Reply.created(201, binding, ctx.url(PATH + "/" + binding.path("id").asText()));
    }

    private ObjectNode store(String principal, String role, String crnPattern) {
        String id = ctx.newId("rb");
        ObjectNode binding = Json.object();
        binding.put("api_version", "iam/v2");
        binding.put("kind", "RoleBinding");
        binding.put("id", id);
        binding.set("metadata", ctx.metadata(PATH + "/" + id, ctx.crn("role-binding=" + id)));
        binding.put("principal", principal);
        binding.put("role_name", role);
        binding.put("crn_pattern", crnPattern);
        bindings.put(id, binding);
        return binding;
    }

    private ObjectNode require(String id) {
        ObjectNode binding = bindings.get(id);
        if (binding == null) {
            throw ApiException.notFound("Role binding '" + id + "' was not found");
        }
        return binding;
    }

    /** Whether {@code principal} holds {@code role} anywhere; the caller holds the lock (another API asking). */
    boolean holds(String principal, String role) {
        return bindings.values().stream().anyMatch(b -> principal.equals(b.path("principal").asText()) && role.equals(b.path("role_name").asText()));
    }

    /**
     * Whether {@code principal} holds one of {@code roles}, or an admin role, on {@code crn} or a scope above it (a
     * binding on the environment covers its clusters). The caller holds the lock.
     */
    boolean grants(String principal, String crn, Set<String> roles) {
        List<ObjectNode> granting = bindings.values().stream().filter(b -> principal.equals(b.path("principal").asText())
                && (roles.contains(b.path("role_name").asText()) || ADMIN_ROLES.contains(b.path("role_name").asText()))
                && (crn.equals(b.path("crn_pattern").asText()) || crn.startsWith(b.path("crn_pattern").asText() + "/"))).toList();
        boolean inEffect = false;
        for (ObjectNode binding : granting) {
            String id = binding.path("id").asText();
            Integer left = propagating.get(id);
            if (left == null) {
                inEffect = true;
            } else if (left > 1) {
                propagating.put(id, left - 1);
            } else {
                propagating.remove(id); // this check still fails; the next one finds the binding in effect
            }
        }
        return inEffect;
    }

    // ---- test-side view -------------------------------------------------------------------------------------

    /** The bindings made through the API; the seeded operator's grant is not among them. */
    public List<JsonNode> list() {
        return locked(() -> Json.copies(bindings.values().stream().filter(b -> !b.path("id").asText().equals(operatorGrant)).toList()));
    }

    /** Revokes the seeded EnvironmentAdmin grant of the service account, as an operator who never made it. */
    public void revokeOperatorGrant() {
        locked(() -> {
            bindings.remove(operatorGrant);
        });
    }

    /** Grants a role the way the operator would, outside the application (Confluent CLI or Console). */
    public void grant(String principal, String role, String crnPattern) {
        locked(() -> {
            store(principal, role, crnPattern);
        });
    }

    /**
     * From now on a binding made through the API takes effect only after {@code checks} permission checks that need it
     * have failed, as Confluent applies a new binding after a while (terraform-provider-confluent waits 90 s after
     * creating one; its docs: otherwise "HTTP 403 Forbidden errors"). 0, the default: at once.
     */
    public void propagateAfter(int checks) {
        locked(() -> {
            propagationChecks = checks;
        });
    }

    /** Makes every binding made through the API {@code age} older, as if made that long ago. */
    public void age(Duration age) {
        locked(() -> bindings.values().stream().filter(b -> !b.path("id").asText().equals(operatorGrant)).forEach(b -> ((ObjectNode) b.get("metadata"))
                .put("created_at", Instant.parse(b.path("metadata").path("created_at").asText()).minus(age).toString())));
    }

    /** Deletes a binding behind the client's back. */
    public boolean delete(String id) {
        return locked(() -> bindings.remove(id) != null);
    }
}
