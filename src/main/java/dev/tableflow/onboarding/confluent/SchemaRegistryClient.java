package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.URI;
import java.util.List;

/**
 * Schema Registry as Confluent Cloud serves it (schema-registry-v1-ccloud-sdk.yaml), authenticated with a Schema
 * Registry API key. Errors are {@code {"error_code", "message"}}: 40401 subject not found, 40403 schema not found.
 * Built by {@link EndpointClients}.
 */
public class SchemaRegistryClient {

    public static final int SUBJECT_NOT_FOUND = 40401;

    /** The schema travels as a string holding the JSON Schema document. */
    public record SchemaRequest(String schemaType, String schema) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Registered(String subject, Integer version, Integer id) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Compatibility(@JsonProperty("is_compatible") boolean compatible, List<String> messages) {}

    private final ConfluentHttp http;
    private final URI base;

    SchemaRegistryClient(ConfluentHttp http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** The cheapest authenticated call: it proves a Schema Registry key works. */
    public List<String> subjects(String authorization) {
        return http.get(base, "/subjects").authorization(authorization).list(String.class);
    }

    /** 200 with the registered version when this exact schema is under the subject; 404 otherwise. */
    public Registered lookUp(String authorization, String subject, SchemaRequest schema) {
        return http.post(base, "/subjects/{}", subject).authorization(authorization).body(schema).read(Registered.class);
    }

    public Compatibility checkAgainstLatest(String authorization, String subject, boolean verbose, SchemaRequest schema) {
        return http.post(base, "/compatibility/subjects/{}/versions/latest", subject).authorization(authorization)
                .query("verbose", verbose).body(schema).read(Compatibility.class);
    }

    public Registered register(String authorization, String subject, SchemaRequest schema) {
        return http.post(base, "/subjects/{}/versions", subject).authorization(authorization).body(schema).read(Registered.class);
    }

    /** Soft delete first; {@code permanent=true} is only accepted for a subject already soft-deleted. */
    public List<Integer> deleteSubject(String authorization, String subject, boolean permanent) {
        return http.delete(base, "/subjects/{}", subject).authorization(authorization).query("permanent", permanent).list(Integer.class);
    }
}
