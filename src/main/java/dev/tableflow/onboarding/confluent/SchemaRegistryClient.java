package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/**
 * Schema Registry as Confluent Cloud serves it (schema-registry-v1-ccloud-sdk.yaml), authenticated with a Schema
 * Registry API key. Errors are {@code {"error_code", "message"}}: 40401 subject not found, 40403 schema not found.
 */
public interface SchemaRegistryClient {

    int SUBJECT_NOT_FOUND = 40401;

    /** The schema travels as a string holding the JSON Schema document. */
    record SchemaRequest(String schemaType, String schema) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Registered(String subject, Integer version, Integer id) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Compatibility(@JsonProperty("is_compatible") boolean compatible, List<String> messages) {}

    /** The cheapest authenticated call: it proves a Schema Registry key works. */
    @GET
    @Path("/subjects")
    List<String> subjects(@HeaderParam("Authorization") String authorization);

    /** 200 with the registered version when this exact schema is under the subject; 404 otherwise. */
    @POST
    @Path("/subjects/{subject}")
    Registered lookUp(@HeaderParam("Authorization") String authorization, @PathParam("subject") String subject, SchemaRequest schema);

    @POST
    @Path("/compatibility/subjects/{subject}/versions/latest")
    Compatibility checkAgainstLatest(@HeaderParam("Authorization") String authorization, @PathParam("subject") String subject,
            @QueryParam("verbose") boolean verbose, SchemaRequest schema);

    @POST
    @Path("/subjects/{subject}/versions")
    Registered register(@HeaderParam("Authorization") String authorization, @PathParam("subject") String subject, SchemaRequest schema);

    /** Soft delete first; {@code permanent=true} is only accepted for a subject already soft-deleted. */
    @DELETE
    @Path("/subjects/{subject}")
    List<Integer> deleteSubject(@HeaderParam("Authorization") String authorization, @PathParam("subject") String subject,
            @QueryParam("permanent") boolean permanent);
}
