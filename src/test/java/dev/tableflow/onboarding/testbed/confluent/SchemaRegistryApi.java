package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schema Registry as Confluent Cloud serves it ({@code schema-registry-v1-ccloud-sdk.yaml}), mounted under
 * {@code /sr}: register, lookup, compatibility check and reads of subjects and versions. Schema ids are global and
 * reused for identical schemas, re-registering a subject's existing schema is a no-op, and only JSON schemas are
 * compatibility-checked ({@link JsonSchemaCompatibility}); AVRO and PROTOBUF are stored as given.
 */
public final class SchemaRegistryApi extends MockApi {
    private static final String SUBJECT = ApiFamily.SR_PREFIX + "/subjects/{subject}";
    private static final int FIRST_ID = 100_001;

    private record Version(String subject, int version, int id, String type, String schema, JsonNode references) {
    }

    private final Map<String, List<Version>> subjects = new LinkedHashMap<>();
    /** schemaType + canonical schema → global id. */
    private final Map<String, Integer> ids = new HashMap<>();

    SchemaRegistryApi(CloudContext ctx) {
        super(ctx);
    }

    @Override
    void register(Router router) {
        router.get(ApiFamily.SR_PREFIX + "/subjects", call -> Reply.ok(Json.MAPPER.valueToTree(subjects.keySet())));
        router.get(SUBJECT + "/versions", call -> Reply.ok(Json.MAPPER.valueToTree(
                versions(call.pathParam("subject")).stream().map(Version::version).toList())));
        router.post(SUBJECT + "/versions", this::registerSchema);
        router.postQuery(SUBJECT, this::lookup);
        router.get(SUBJECT + "/versions/{version}", call -> Reply.ok(json(version(call))));
        router.delete(SUBJECT, call -> {
            List<Version> removed = versions(call.pathParam("subject"));
            subjects.remove(call.pathParam("subject"));
            return Reply.ok(Json.MAPPER.valueToTree(removed.stream().map(Version::version).toList()));
        });
        router.postQuery(ApiFamily.SR_PREFIX + "/compatibility/subjects/{subject}/versions/{version}", this::compatibility);
    }

    @Override
    void reset() {
        subjects.clear();
        ids.clear();
    }

    private Reply registerSchema(HttpCall call) {
        String subject = call.pathParam("subject");
        Candidate candidate = candidate(call);
        List<Version> existing = subjects.getOrDefault(subject, List.of());
        for (Version v : existing) {
            if (v.type.equals(candidate.type) && v.schema.equals(candidate.canonical)) {
                return Reply.ok(Json.object().put("id", v.id));
            }
        }
        if (!existing.isEmpty()) {
            List<String> problems = incompatibilities(existing.get(existing.size() - 1), candidate);
            if (!problems.isEmpty()) {
                throw ApiException.coded(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                        + subject + "\", details: " + problems);
            }
        }
        int id = ids.computeIfAbsent(candidate.type + "\n" + candidate.canonical, k -> FIRST_ID + ids.size());
        subjects.computeIfAbsent(subject, s -> new ArrayList<>())
                .add(new Version(subject, existing.size() + 1, id, candidate.type, candidate.canonical, candidate.references));
        return Reply.ok(Json.object().put("id", id));
    }

    private Reply lookup(HttpCall call) {
        Candidate candidate = candidate(call);
        return versions(call.pathParam("subject")).stream()
                .filter(v -> v.type.equals(candidate.type) && v.schema.equals(candidate.canonical))
                .findFirst()
                .map(v -> Reply.ok(json(v)))
                .orElseThrow(() -> ApiException.coded(404, 40403, "Schema not found"));
    }

    private Reply compatibility(HttpCall call) {
        Version against = version(call);
        List<String> problems = incompatibilities(against, candidate(call));
        ObjectNode result = Json.object().put("is_compatible", problems.isEmpty());
        if ("true".equalsIgnoreCase(call.query("verbose"))) {
            result.set("messages", Json.MAPPER.valueToTree(problems));
        }
        return Reply.ok(result);
    }

    private static List<String> incompatibilities(Version previous, Candidate next) {
        if (!previous.type.equals("JSON") || !next.type.equals("JSON")) {
            return previous.type.equals(next.type) ? List.of() : List.of("Incompatible schema type: " + previous.type
                    + " vs " + next.type);
        }
        return JsonSchemaCompatibility.differences(parse(previous.schema), next.parsed);
    }

    private record Candidate(String type, String canonical, JsonNode parsed, JsonNode references) {
    }

    /** The schema in a register/lookup/compatibility body, parsed and canonicalised (whitespace-insensitive). */
    private static Candidate candidate(HttpCall call) {
        JsonNode body = call.json();
        String type = body.path("schemaType").asText("AVRO");
        String schema = body.path("schema").asText("");
        if (schema.isBlank()) {
            throw ApiException.coded(422, 42201, "Empty schema");
        }
        if (type.equals("PROTOBUF")) {
            return new Candidate(type, schema, null, body.get("references"));
        }
        if (!type.equals("JSON") && !type.equals("AVRO")) {
            throw ApiException.coded(422, 42201, "Invalid schema type " + type);
        }
        JsonNode parsed = parse(schema);
        if (type.equals("JSON") && !parsed.isObject() && !parsed.isBoolean()) {
            throw ApiException.coded(422, 42201, "Invalid schema: a JSON schema must be an object or a boolean");
        }
        return new Candidate(type, Json.write(parsed), parsed, body.get("references"));
    }

    private static JsonNode parse(String schema) {
        try {
            return Json.MAPPER.readTree(schema);
        } catch (JsonProcessingException e) {
            throw ApiException.coded(422, 42201, "Invalid schema: " + e.getOriginalMessage());
        }
    }

    private List<Version> versions(String subject) {
        List<Version> versions = subjects.get(subject);
        if (versions == null) {
            throw ApiException.coded(404, 40401, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private Version version(HttpCall call) {
        List<Version> versions = versions(call.pathParam("subject"));
        String requested = call.pathParam("version");
        if (requested.equals("latest") || requested.equals("-1")) {
            return versions.get(versions.size() - 1);
        }
        int number;
        try {
            number = Integer.parseInt(requested);
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1) {
            throw ApiException.coded(422, 42202, "The specified version '" + requested + "' is not a valid version id. "
                    + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
        int wanted = number;
        return versions.stream().filter(v -> v.version == wanted).findFirst()
                .orElseThrow(() -> ApiException.coded(404, 40402, "Version " + wanted + " not found."));
    }

    private static ObjectNode json(Version v) {
        ObjectNode json = Json.object();
        json.put("subject", v.subject);
        json.put("version", v.version);
        json.put("id", v.id);
        if (!v.type.equals("AVRO")) {
            json.put("schemaType", v.type); // the registry omits the type for AVRO, its default
        }
        if (v.references != null && !v.references.isEmpty()) {
            json.set("references", v.references);
        }
        json.put("schema", v.schema);
        return json;
    }

    // ---- test-side view -------------------------------------------------------------------------------------

    public List<String> subjects() {
        return locked(() -> List.copyOf(subjects.keySet()));
    }

    /** The latest version of a subject as GET shows it, or null. */
    public JsonNode latest(String subject) {
        return locked(() -> {
            List<Version> versions = subjects.get(subject);
            return versions == null ? null : json(versions.get(versions.size() - 1));
        });
    }

    /** Deletes a subject behind the client's back. */
    public boolean deleteSubject(String subject) {
        return locked(() -> subjects.remove(subject) != null);
    }
}
