package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM v2 API keys ({@code iam-v2-api-keys.yaml}) and the credential store every other API authenticates against.
 * The secret appears only in the 202 answer to create, as on Confluent Cloud; it is kept here so resource keys work.
 * New keys are not usable at once: real keys take a while to propagate, so a fresh key is refused (401) for a
 * configurable number of requests that present it, or (opt-in, for the readiness benchmark) for a configurable time
 * after it was created.
 */
public final class ApiKeysApi extends MockApi {
    private static final String PATH = "/iam/v2/api-keys";
    static final String TABLEFLOW_RESOURCE = "tableflow";
    static final String CLOUD_RESOURCE = "cloud";

    /** A key as the server knows it. {@code resourceId} is "cloud", "tableflow", an lkc-… or an lsrc-… id. */
    static final class StoredKey {
        final String id;
        final String secret;
        final String ownerId;
        final String resourceId;
        final ObjectNode json;
        int refusalsLeft;
        Instant activeAt; // refused until then, or null

        StoredKey(String id, String secret, String ownerId, String resourceId, ObjectNode json, int refusalsLeft) {
            this.id = id;
            this.secret = secret;
            this.ownerId = ownerId;
            this.resourceId = resourceId;
            this.json = json;
            this.refusalsLeft = refusalsLeft;
        }
    }

    /** An API key id and its secret, as a client would hold them. */
    public record Credentials(String key, String secret) {
    }

    private final ServiceAccountsApi serviceAccounts;
    private final int configuredRefusals;
    private final Credentials cloudKey;
    private final String cloudKeyOwner;
    private final Map<String, StoredKey> keys = new LinkedHashMap<>();
    /** Every secret handed out since the last reset, deleted keys' too: tests look for them where they must not be. */
    private final List<String> issued = new java.util.ArrayList<>();
    private int refusalsForNewKeys;
    private Duration inactiveAfterCreation;

    ApiKeysApi(CloudContext ctx, ServiceAccountsApi serviceAccounts, String cloudKeyOwner, int requestsUntilKeyWorks) {
        super(ctx);
        this.serviceAccounts = serviceAccounts;
        this.cloudKeyOwner = cloudKeyOwner;
        this.configuredRefusals = requestsUntilKeyWorks;
        this.cloudKey = new Credentials(ctx.newApiKeyId(), ctx.newSecret());
        reset();
    }

    @Override
    void register(Router router) {
        router.get(PATH, this::list);
        router.post(PATH, this::create);
        router.get(PATH + "/{id}", call -> Reply.ok(require(call.pathParam("id")).json));
        router.patch(PATH + "/{id}", this::update);
        router.delete(PATH + "/{id}", call -> {
            keys.remove(require(call.pathParam("id")).id);
            return Reply.noContent();
        });
    }

    @Override
    void reset() {
        keys.clear();
        issued.clear();
        refusalsForNewKeys = configuredRefusals;
        inactiveAfterCreation = null;
        store(cloudKey.key(), cloudKey.secret(), cloudKeyOwner, CLOUD_RESOURCE, "Cloud API key (seeded)", "", 0);
    }

    private Reply list(HttpCall call) {
        String owner = call.query("spec.owner");
        String resource = call.query("spec.resource");
        List<ObjectNode> matching = keys.values().stream()
                .filter(k -> owner == null || owner.equals(k.ownerId))
                .filter(k -> resource == null || resource.equals(k.resourceId))
                .map(k -> k.json)
                .toList();
        return Reply.ok(Pagination.page(call, ctx, "iam/v2", "ApiKeyList", matching));
    }

    private Reply create(HttpCall call) {
        JsonNode body = call.json();
        String owner = Json.requireText(body, "spec.owner.id");
        if (!serviceAccounts.exists(owner) && !owner.startsWith("u-")) {
            throw ApiException.unprocessable("Owner '" + owner + "' is not a service account or user of this organization");
        }
        String resource = Json.text(body, "spec.resource.id");
        if (resource == null) {
            resource = CLOUD_RESOURCE;
        }
        if (resourceRef(resource) == null) {
            throw ApiException.unprocessable("Resource '" + resource + "' does not exist in this organization");
        }
        StoredKey key = store(ctx.newApiKeyId(), ctx.newSecret(), owner, resource,
                Json.text(body, "spec.display_name"), Json.text(body, "spec.description"), refusalsForNewKeys);
        propagating(key);
        ObjectNode answer = key.json.deepCopy();
        ((ObjectNode) answer.get("spec")).put("secret", key.secret);
        return Reply.created(202, answer, key.json.path("metadata").path("self").asText());
    }

    private Reply update(HttpCall call) {
        StoredKey key = require(call.pathParam("id"));
        JsonNode spec = call.json().path("spec");
        ObjectNode stored = (ObjectNode) key.json.get("spec");
        for (String field : List.of("display_name", "description")) {
            if (spec.hasNonNull(field)) {
                stored.put(field, spec.get(field).asText());
            }
        }
        ctx.touch(key.json);
        return Reply.ok(key.json);
    }

    private StoredKey require(String id) {
        StoredKey key = keys.get(id);
        if (key == null) {
            throw ApiException.notFound("API key '" + id + "' was not found");
        }
        return key;
    }

    private StoredKey store(String id, String secret, String owner, String resource, String displayName,
                            String description, int refusals) {
        issued.add(secret);
        ObjectNode json = Json.object();
        json.put("api_version", "iam/v2");
        json.put("kind", "ApiKey");
        json.put("id", id);
        json.set("metadata", ctx.metadata(PATH + "/" + id, ctx.crn("api-key=" + id)));
        ObjectNode spec = json.putObject("spec");
        spec.put("display_name", displayName == null ? "" : displayName);
        spec.put("description", description == null ? "" : description);
        spec.set("owner", ownerRef(owner));
        ObjectNode resourceRef = resourceRef(resource);
        if (resourceRef == null) {
            throw new IllegalArgumentException("No resource '" + resource + "' in this test organization");
        }
        spec.set("resource", resourceRef);
        spec.putArray("resources").add(resourceRef.deepCopy());
        StoredKey key = new StoredKey(id, secret, owner, resource, json, refusals);
        keys.put(id, key);
        return key;
    }

    /** A key just created through the API: refused for a time, when a test asked for that instead of a count. */
    private void propagating(StoredKey key) {
        if (inactiveAfterCreation != null) {
            key.refusalsLeft = 0;
            key.activeAt = Instant.now().plus(inactiveAfterCreation);
        }
    }

    private ObjectNode ownerRef(String owner) {
        boolean user = owner.startsWith("u-");
        ObjectNode ref = Json.object();
        ref.put("id", owner);
        ref.put("related", ctx.url((user ? "/iam/v2/users/" : "/iam/v2/service-accounts/") + owner));
        ref.put("resource_name", user ? ctx.crn("user=" + owner) : serviceAccounts.resourceName(owner));
        ref.put("api_version", "iam/v2");
        ref.put("kind", user ? "User" : "ServiceAccount");
        return ref;
    }

    /** The ObjectReference Confluent shows for a key's resource, or null if no such resource exists here. */
    private ObjectNode resourceRef(String resource) {
        ObjectNode ref;
        if (resource.equals(CLOUD_RESOURCE) || resource.equals(TABLEFLOW_RESOURCE)) {
            boolean cloud = resource.equals(CLOUD_RESOURCE);
            ref = Json.object();
            ref.put("id", resource);
            ref.put("related", ctx.url(cloud ? "/" : "/tableflow/v1"));
            ref.put("resource_name", cloud ? ctx.crn() : ctx.crn("tableflow=" + resource));
            ref.put("api_version", cloud ? "iam/v2" : "tableflow/v1");
            ref.put("kind", cloud ? "Cloud" : "Tableflow");
        } else if (ctx.kafkaClusters.containsKey(resource)) {
            ref = ctx.kafkaClusterRef(ctx.kafkaClusters.get(resource), resource);
            ref.put("api_version", "cmk/v2");
            ref.put("kind", "Cluster");
        } else if (resource.equals(ctx.schemaRegistryClusterId)) {
            ref = Json.object();
            ref.put("id", resource);
            ref.put("environment", ctx.environmentId);
            ref.put("related", ctx.url("/srcm/v3/clusters/" + resource));
            ref.put("resource_name", ctx.crn("environment=" + ctx.environmentId, "schema-registry=" + resource));
            ref.put("api_version", "srcm/v3");
            ref.put("kind", "Cluster");
        } else {
            return null;
        }
        return ref;
    }

    /** The key behind a Basic-auth pair, or null when unknown, deleted or the secret is wrong. */
    StoredKey authenticate(String id, String secret) {
        StoredKey key = keys.get(id);
        return key != null && key.secret.equals(secret) ? key : null;
    }

    // ---- test-side view -------------------------------------------------------------------------------------

    public Credentials cloudKey() {
        return cloudKey;
    }

    /** How many requests a newly created key is refused with 401 before it works (default 1). */
    public void requestsUntilKeyWorks(int requests) {
        locked(() -> refusalsForNewKeys = requests);
    }

    /** Keys created from now on are refused (401) for {@code duration} after creation, not a number of requests. */
    public void refusedFor(Duration duration) {
        locked(() -> inactiveAfterCreation = duration);
    }

    /** The operator rotating the Cloud API key: a new one for the same owner, the old one deleted (until a reset). */
    public Credentials rotateCloudKey() {
        return locked(() -> {
            keys.values().removeIf(k -> k.resourceId.equals(CLOUD_RESOURCE) && k.ownerId.equals(cloudKeyOwner));
            StoredKey key = store(ctx.newApiKeyId(), ctx.newSecret(), cloudKeyOwner, CLOUD_RESOURCE, "Cloud API key (rotated)", "", 0);
            return new Credentials(key.id, key.secret);
        });
    }

    /** A key that works immediately, for tests that need one without going through the API. */
    public Credentials seed(String ownerId, String resourceId) {
        return seed(ownerId, resourceId, "seeded");
    }

    /** A working key with a given name, just created: one that another client is about to store, say. */
    public Credentials seed(String ownerId, String resourceId, String displayName) {
        return seed(ownerId, resourceId, displayName, Duration.ZERO);
    }

    /** A key another client has just created through the API: refused, as one of ours would be, until it propagates. */
    public Credentials created(String ownerId, String resourceId, String displayName, String description) {
        return locked(() -> {
            StoredKey key = store(ctx.newApiKeyId(), ctx.newSecret(), ownerId, resourceId, displayName, description, refusalsForNewKeys);
            propagating(key);
            return new Credentials(key.id, key.secret);
        });
    }

    /** A working key with a given name created {@code age} ago, e.g. one whose secret a client lost long since. */
    public Credentials seed(String ownerId, String resourceId, String displayName, Duration age) {
        return locked(() -> {
            StoredKey key = store(ctx.newApiKeyId(), ctx.newSecret(), ownerId, resourceId, displayName, "", 0);
            age(key, age);
            return new Credentials(key.id, key.secret);
        });
    }

    /** Every key now existing was created {@code age} earlier than it was: time passing since, say, a bootstrap. */
    public void age(Duration age) {
        locked(() -> keys.values().forEach(key -> age(key, age)));
    }

    private static void age(StoredKey key, Duration age) {
        ObjectNode metadata = (ObjectNode) key.json.path("metadata");
        String created = Instant.parse(metadata.path("created_at").asText()).minus(age).toString();
        metadata.put("created_at", created).put("updated_at", created);
    }

    /** Every secret issued since the last reset (deleted keys included), except the Cloud API key's. */
    public List<String> issuedSecrets() {
        return locked(() -> issued.stream().filter(secret -> !secret.equals(cloudKey.secret())).toList());
    }

    /** All keys as GET would show them (no secrets). */
    public List<JsonNode> list() {
        return locked(() -> Json.copies(keys.values().stream().map(k -> k.json).toList()));
    }

    /** The secret of a key, e.g. to check what a client stored. */
    public String secretOf(String keyId) {
        return locked(() -> keys.containsKey(keyId) ? keys.get(keyId).secret : null);
    }

    /** Deletes a key behind the client's back; it stops authenticating at once. */
    public boolean delete(String keyId) {
        return locked(() -> keys.remove(keyId) != null);
    }
}
