package dev.tableflow.onboarding.request;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Topic value schemas: the ones shipped in the deployable ({@code schemas/json/values/{name}.json}) and a check
 * that a document is a valid JSON Schema, by validating it against its draft's meta-schema (bundled with the
 * validator, never fetched). Schema Registry would refuse an invalid one only after the topic exists. The check
 * runs on inline schemas at the intake and in EnsureTopic, and on the shipped ones when the package is built.
 */
public final class JsonSchemas {

    static final String SHIPPED = "schemas/json/values/";

    private JsonSchemas() {}

    public static boolean ships(String name) {
        return JsonSchemas.class.getClassLoader().getResource(resource(name)) != null;
    }

    public static Optional<String> shipped(String name) {
        try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(resource(name))) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shipped schema " + name, e);
        }
    }

    private static String resource(String name) {
        return SHIPPED + name + ".json";
    }

    /** The problems that make {@code document} not a JSON Schema; empty when it is one. */
    public static List<String> problems(String document) {
        try {
            Schema schema = Validator.REGISTRY.getSchema(document, InputFormat.JSON);
            Schema meta = Validator.REGISTRY.getSchema(SchemaLocation.of(metaSchemaOf(schema)));
            return meta.validate(document, InputFormat.JSON).stream().map(JsonSchemas::describe).toList();
        } catch (RuntimeException e) {
            return List.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static String metaSchemaOf(Schema schema) {
        return schema.getSchemaContext().getDialect().getId();
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }

    /** Loaded on the first check only: a step that merely looks a shipped schema up never pays for the validator. */
    private static final class Validator {
        /** Draft 7 is what the seeds' schemas declare; a document without {@code $schema} is read as draft 7 too. */
        static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    }
}
