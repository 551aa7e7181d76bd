package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Provider Integration v1 ({@code provider-integration-v1.yaml}, AWS only): the customer names the IAM role
 * Confluent should assume ({@code customer_iam_role_arn}); Confluent answers with its own role ({@code iam_role_arn})
 * and an {@code external_id} for the customer's trust policy. Everything is scoped by environment: GET and DELETE
 * with the wrong {@code environment} find nothing.
 */
public final class ProviderIntegrationsApi extends MockApi {
    private static final String PATH = "/pim/v1/integrations";
    private static final Pattern ROLE_ARN = Pattern.compile("^arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$");

    private final Map<String, ObjectNode> integrations = new LinkedHashMap<>();

    ProviderIntegrationsApi(CloudContext ctx) {
        super(ctx);
    }

    @Override
    void register(Router router) {
        router.get(PATH, this::list);
        router.post(PATH, this::create);
        router.get(PATH + "/{id}", call -> Reply.ok(require(call)));
        router.delete(PATH + "/{id}", call -> {
            integrations.remove(require(call).get("id").asText());
            return Reply.noContent();
        });
    }

    @Override
    void reset() {
        integrations.clear();
    }

    private Reply list(HttpCall call) {
        String environment = call.requireQuery("environment");
        String provider = call.query("provider");
        List<ObjectNode> matching = integrations.values().stream()
                .filter(i -> environment.equals(i.path("environment").path("id").asText()))
                .filter(i -> provider == null || provider.equalsIgnoreCase(i.path("provider").asText()))
                .toList();
        return Reply.ok(Pagination.page(call, ctx, "pim/v1", "IntegrationList", matching));
    }

    private Reply create(HttpCall call) {
        JsonNode body = call.json();
        String environment = Json.requireText(body, "environment.id");
        String kind = Json.requireText(body, "config.kind");
        if (!kind.equals("AwsIntegrationConfig")) {
            throw ApiException.badRequest("config.kind '" + kind + "' is not supported; pim/v1 supports AwsIntegrationConfig");
        }
        String provider = Objects.requireNonNullElse(Json.text(body, "provider"), "AWS");
        if (!provider.equals("AWS")) {
            throw ApiException.badRequest("provider '" + provider + "' is not supported by pim/v1");
        }
        String customerRole = Json.text(body, "config.customer_iam_role_arn");
        if (customerRole != null && !ROLE_ARN.matcher(customerRole).matches()) {
            throw ApiException.badRequest("config.customer_iam_role_arn '" + customerRole + "' is not an IAM role ARN");
        }
        String displayName = Json.text(body, "display_name");
        ObjectNode clash = displayName == null ? null : integrations.values().stream()
                .filter(i -> environment.equals(i.path("environment").path("id").asText()))
                .filter(i -> displayName.equals(i.path("display_name").asText()))
                .findFirst().orElse(null);
        if (clash != null) {
            throw ApiException.conflict("A provider integration named '" + displayName + "' already exists in "
                    + environment, ctx.url(PATH + "/" + clash.get("id").asText() + "?environment=" + environment));
        }
        // "customer_role_arn must be unique in a given environment for creating a new Provider Integration"
        // (terraform-provider-confluent's confluent_provider_integration docs; the CLI's --customer-role-arn help).
        ObjectNode sameRole = customerRole == null ? null : integrations.values().stream()
                .filter(i -> environment.equals(i.path("environment").path("id").asText()))
                .filter(i -> customerRole.equals(i.path("config").path("customer_iam_role_arn").asText()))
                .findFirst().orElse(null);
        if (sameRole != null) {
            throw ApiException.conflict("Customer role '" + customerRole + "' is already used by provider integration '"
                    + sameRole.get("id").asText() + "' in " + environment,
                    ctx.url(PATH + "/" + sameRole.get("id").asText() + "?environment=" + environment));
        }

        String id = ctx.newId("dlz");
        ObjectNode integration = Json.object();
        integration.put("api_version", "pim/v1");
        integration.put("kind", "Integration");
        integration.put("id", id);
        if (displayName != null) {
            integration.put("display_name", displayName);
        }
        integration.put("provider", provider);
        ObjectNode config = integration.putObject("config");
        config.put("kind", kind);
        config.put("iam_role_arn", "arn:aws:iam::" + ctx.confluentAwsAccountId + ":role/confluent-provider-integration-" + id);
        config.put("external_id", ctx.uuid());
        if (customerRole != null) {
            config.put("customer_iam_role_arn", customerRole);
        }
        integration.putArray("usages");
        integration.set("environment", ctx.environmentRef(environment));
        integrations.put(id, integration);
        return Reply.created(201, integration, ctx.url(PATH + "/" + id + "?environment=" + environment));
    }

    private ObjectNode require(HttpCall call) {
        String environment = call.requireQuery("environment");
        ObjectNode integration = integrations.get(call.pathParam("id"));
        if (integration == null || !environment.equals(integration.path("environment").path("id").asText())) {
            throw ApiException.notFound("Provider integration '" + call.pathParam("id") + "' was not found in " + environment);
        }
        return integration;
    }

    boolean exists(String environment, String id) {
        ObjectNode integration = integrations.get(id);
        return integration != null && environment.equals(integration.path("environment").path("id").asText());
    }

    // ---- test-side view -------------------------------------------------------------------------------------

    public List<JsonNode> list() {
        return locked(() -> Json.copies(integrations.values()));
    }

    public JsonNode get(String id) {
        return locked(() -> integrations.containsKey(id) ? integrations.get(id).deepCopy() : null);
    }

    /** Deletes an integration behind the client's back. */
    public boolean delete(String id) {
        return locked(() -> integrations.remove(id) != null);
    }
}
