package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API key secrets in Secrets Manager, as JSON {@code {"api_key": "...", "api_secret": "..."}} (the shape the
 * operator also uses for the Cloud API key). Secrets are the only place a key's secret lives.
 * <p>
 * template.yaml declares the managed secrets with a placeholder value, both fields empty, so that their rotation
 * schedules can be declared too: a placeholder reads as "no key stored", exactly like a lost secret, and the key steps
 * replace it. Steps read the {@link #CURRENT} version; rotation stages the next key as {@link #PENDING} first.
 */
@ApplicationScoped
public class SecretStore {

    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";
    public static final String PREVIOUS = "AWSPREVIOUS";
    /** The value template.yaml gives a managed secret before a key step has stored a key in it. */
    public static final String PLACEHOLDER = "{\"api_key\":\"\",\"api_secret\":\"\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a look-up found: whether the secret exists at all, and the key its current version holds, if any. */
    public record Lookup(boolean exists, Optional<ApiKeyCredentials> key) {}

    /**
     * A secret's rotation state, as DescribeSecret gives it. {@code rotationEnabled} is null when DescribeSecret leaves
     * it out, as it does for a secret never configured for rotation.
     */
    public record Versions(String name, Boolean rotationEnabled, Map<String, List<String>> stagesByVersion) {

        public List<String> stages(String versionId) {
            return stagesByVersion.getOrDefault(versionId, List.of());
        }

        public Optional<String> versionIn(String stage) {
            return stagesByVersion.entrySet().stream().filter(e -> e.getValue().contains(stage)).map(Map.Entry::getKey).findFirst();
        }
    }

    private static final String NOT_FOUND = "ResourceNotFoundException";

    private final AwsApi aws;

    public SecretStore(AwsApi aws) {
        this.aws = aws;
    }

    /** The operator's Cloud API key; without it nothing can run, so its absence is terminal. */
    public ApiKeyCredentials cloudApiKey(String secretId) {
        StepContext context = new StepContext("Configuration", "Cloud API key secret \"" + secretId + "\"");
        return read(context, secretId)
                .orElseThrow(() -> new TerminalException(context, "not found in Secrets Manager; create it before deploying (see README) "
                        + "or fix the ConfluentCloudApiKeySecretName parameter (TABLEFLOW_CLOUD_API_KEY_SECRET)"));
    }

    /** A key this application stored earlier; its absence means an earlier step has not run. */
    public ApiKeyCredentials require(StepContext context, String secretId, String storedBy) {
        return read(context, secretId).orElseThrow(() -> new TerminalException(context,
                "secret \"" + secretId + "\" holds no API key in Secrets Manager; " + storedBy + " stores it"));
    }

    public Optional<ApiKeyCredentials> read(StepContext context, String secretId) {
        return lookup(context, secretId).key();
    }

    public Lookup lookup(StepContext context, String secretId) {
        // AWSCURRENT named, not implied: it is what every step must read, also right after a rotation moved it (moto,
        // the test bed's AWS, answers a request without a stage with the version created last).
        Optional<JsonNode> current = AwsCalls.call(context, () -> value(request(secretId).put("VersionStage", CURRENT)));
        return new Lookup(current.isPresent(), current.flatMap(value -> parse(context, value)));
    }

    /**
     * The key staged {@link #PENDING} by a rotation still in progress (not yet promoted), if any: the key steps must
     * not take it for a leftover. Empty too when there is no AWSPENDING label, or a version rotation has not filled yet.
     */
    public Optional<ApiKeyCredentials> pending(StepContext context, String secretId) {
        return AwsCalls.call(context, () -> value(request(secretId).put("VersionStage", PENDING)))
                .filter(pending -> !stages(pending.path("VersionStages")).contains(CURRENT))
                .flatMap(pending -> parse(context, pending));
    }

    /** The key a version holds, when that version still carries {@code stage}. */
    public Optional<ApiKeyCredentials> version(StepContext context, String secretId, String versionId, String stage) {
        return AwsCalls.call(context, () -> value(request(secretId).put("VersionId", versionId).put("VersionStage", stage)))
                .flatMap(value -> parse(context, value));
    }

    /**
     * Writes a new current version, or creates the secret when the look-up found none (so a first run makes one call,
     * not a failing PutSecretValue before the CreateSecret).
     */
    public void store(StepContext context, String name, ApiKeyCredentials credentials, String description, boolean exists) {
        String value = json(credentials);
        AwsCalls.call(context, () -> {
            if (!exists) {
                try {
                    return aws.json(AwsApi.SECRETS_MANAGER, "CreateSecret", AwsApi.object().put("Name", name).put("Description", description)
                            .put("SecretString", value).put("ClientRequestToken", AwsApi.idempotencyToken()));
                } catch (AwsApiException e) {
                    if (!e.is("ResourceExistsException")) {
                        throw e;
                    }
                    // another run (or the stack) created it since the look-up: write a version instead
                }
            }
            return put(request(name).put("SecretString", value).put("ClientRequestToken", AwsApi.idempotencyToken()));
        });
    }

    /** Stores a rotation's new key under its token, staged {@link #PENDING}; a repeat with the same value is a no-op. */
    public void storePending(StepContext context, String secretId, String token, ApiKeyCredentials credentials) {
        ObjectNode request = request(secretId).put("SecretString", json(credentials)).put("ClientRequestToken", token);
        request.putArray("VersionStages").add(PENDING);
        AwsCalls.call(context, () -> put(request));
    }

    public Versions versions(StepContext context, String secretId) {
        JsonNode secret = AwsCalls.call(context, () -> aws.json(AwsApi.SECRETS_MANAGER, "DescribeSecret", request(secretId)));
        Map<String, List<String>> stages = new LinkedHashMap<>();
        secret.path("VersionIdsToStages").properties().forEach(version -> stages.put(version.getKey(), stages(version.getValue())));
        JsonNode enabled = secret.path("RotationEnabled");
        return new Versions(secret.path("Name").asText(secretId), enabled.isBoolean() ? enabled.booleanValue() : null, stages);
    }

    /** Moves a staging label to a version; Secrets Manager itself moves AWSPREVIOUS when AWSCURRENT moves. */
    public void moveStage(StepContext context, String secretId, String stage, String toVersionId, Optional<String> fromVersionId) {
        ObjectNode request = request(secretId).put("VersionStage", stage).put("MoveToVersionId", toVersionId);
        fromVersionId.ifPresent(version -> request.put("RemoveFromVersionId", version));
        AwsCalls.call(context, () -> aws.json(AwsApi.SECRETS_MANAGER, "UpdateSecretVersionStage", request));
    }

    public void removeStage(StepContext context, String secretId, String stage, String fromVersionId) {
        AwsCalls.call(context, () -> aws.json(AwsApi.SECRETS_MANAGER, "UpdateSecretVersionStage",
                request(secretId).put("VersionStage", stage).put("RemoveFromVersionId", fromVersionId)));
    }

    private static ObjectNode request(String secretId) {
        return AwsApi.object().put("SecretId", secretId);
    }

    /** GetSecretValue; empty when the secret, or the version or stage asked for, does not exist. */
    private Optional<JsonNode> value(ObjectNode request) {
        try {
            return Optional.of(aws.json(AwsApi.SECRETS_MANAGER, "GetSecretValue", request));
        } catch (AwsApiException e) {
            if (e.is(NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** PutSecretValue; raw API callers must send the ClientRequestToken that the SDKs would generate. */
    private JsonNode put(ObjectNode request) {
        return aws.json(AwsApi.SECRETS_MANAGER, "PutSecretValue", request);
    }

    private static List<String> stages(JsonNode array) {
        List<String> stages = new ArrayList<>();
        array.forEach(stage -> stages.add(stage.asText()));
        return stages;
    }

    private static String json(ApiKeyCredentials credentials) {
        return JSON.createObjectNode().put("api_key", credentials.key()).put("api_secret", credentials.secret()).toString();
    }

    /**
     * Empties the secret of a deleted key: writes the {@link #PLACEHOLDER}, which reads as "no key stored", and takes
     * {@link #PENDING} off a rotation's version, whose key was deleted with the others of its name (that rotation then
     * fails at its next step rather than promote a deleted key). False when there was nothing to clear. The secret
     * itself stays: the stack declares it with its rotation schedule, and the next bootstrap or onboarding stores a
     * new key in it.
     */
    public boolean clear(StepContext context, String name) {
        Lookup current = lookup(context, name);
        if (!current.exists()) {
            return false;
        }
        boolean cleared = false;
        if (current.key().isPresent()) {
            AwsCalls.call(context, () -> put(request(name).put("SecretString", PLACEHOLDER).put("ClientRequestToken", AwsApi.idempotencyToken())));
            cleared = true;
        }
        Versions versions = versions(context, name);
        Optional<String> pending = versions.versionIn(PENDING).filter(version -> !versions.stages(version).contains(CURRENT));
        if (pending.isPresent()) {
            removeStage(context, name, PENDING, pending.get());
            cleared = true;
        }
        return cleared;
    }

    /**
     * The key a GetSecretValue answer holds, stored at the version's {@code CreatedDate} (epoch seconds; without one,
     * a refused key counts as new). Empty for the template's placeholder {@link #PLACEHOLDER}; terminal for anything
     * else that is not a key.
     */
    private static Optional<ApiKeyCredentials> parse(StepContext context, JsonNode version) {
        JsonNode created = version.path("CreatedDate");
        Instant storedAt = created.isNumber() ? Instant.ofEpochMilli(Math.round(created.asDouble() * 1000)) : null;
        try {
            JsonNode json = JSON.readTree(version.path("SecretString").asText());
            String key = json.path("api_key").asText("");
            String secret = json.path("api_secret").asText("");
            if (!key.isBlank() && !secret.isBlank()) {
                return Optional.of(new ApiKeyCredentials(key, secret, storedAt));
            }
            if (json.path("api_key").isTextual() && json.path("api_secret").isTextual() && key.isEmpty() && secret.isEmpty()) {
                return Optional.empty();
            }
        } catch (Exception malformed) {
            // Fall through: the message below must not echo the value, which may hold a secret.
        }
        throw new TerminalException(context, "the secret is not JSON with non-empty \"api_key\" and \"api_secret\"");
    }
}
