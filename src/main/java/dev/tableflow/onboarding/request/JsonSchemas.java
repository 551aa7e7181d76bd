package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tableflow.onboarding.validation.Rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Topic value schemas: the ones shipped in the deployable ({@code schemas/json/values/{name}.json}) and a check
 * that a document is a valid JSON Schema, by validating it against its draft's meta-schema (bundled with the
 * validator, never fetched: see {@link #DRAFTS}). Schema Registry would refuse an invalid one only after the topic exists. The check
 * runs on inline schemas at the intake and in EnsureTopic, and on the shipped ones when the package is built.
 */
public final class JsonSchemas {

    static final String SHIPPED = "schemas/json/values/";

    private static final ObjectMapper READER = new ObjectMapper();

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

    /**
     * The drafts Confluent's Schema Registry accepts whose meta-schemas the validator bundles, by the ids their own
     * meta-schemas declare (with or without the empty fragment). Anything else in {@code $schema} would be loaded as
     * the meta-schema, from wherever it points: {@code classpath:} or {@code resource:} turns any JSON file of the
     * deployable into one that accepts the document.
     */
    static final Set<String> DRAFTS = Set.of(
            "http://json-schema.org/draft-04/schema", "http://json-schema.org/draft-06/schema", "http://json-schema.org/draft-07/schema",
            "https://json-schema.org/draft/2019-09/schema", "https://json-schema.org/draft/2020-12/schema");
    /** Keywords whose value is a reference to another schema: within the document, or to a bundled draft's meta-schema. */
    private static final Set<String> REFERENCES = Set.of("$ref", "$dynamicRef", "$recursiveRef");

    /**
     * The problems that make {@code schema} not a JSON Schema we register; empty when it is one. Nothing is resolved
     * from outside the document: {@code $schema} names a bundled draft, and every reference stays in the document.
     */
    public static List<String> problems(JsonNode schema) {
        List<String> outside = new ArrayList<>();
        reachesOutside(schema, "", outside);
        return outside.isEmpty() ? validate(schema.toString()) : outside;
    }

    /** Every {@code $schema} and reference anywhere in the document, subschemas and data alike: refusing too much is safe. */
    private static void reachesOutside(JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String where = at + "/" + field.getKey();
                JsonNode value = field.getValue();
                if (field.getKey().equals("$schema") && value.isTextual() && !DRAFTS.contains(value.asText().replaceFirst("#$", ""))) {
                    problems.add(where + ": \"" + Rules.abbreviate(value.asText()) + "\" is not a JSON Schema draft we validate against; use one of "
                            + new TreeSet<>(DRAFTS));
                } else if (REFERENCES.contains(field.getKey()) && value.isTextual() && !value.asText().startsWith("#")
                        && !DRAFTS.contains(value.asText().replaceFirst("#$", ""))) {
                    problems.add(where + ": \"" + Rules.abbreviate(value.asText()) + "\" refers outside the schema; remote references are not"
                            + " resolved: put the definition under $defs and refer to it with #/$defs/...");
                } else {
                    reachesOutside(value, where, problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                reachesOutside(node.get(i), at + "/" + i, problems);
            }
        }
    }

    /** {@link #problems(JsonNode)} of a document as text (a shipped schema, the event schema). */
    public static List<String> problems(String document) {
        try {
            return problems(READER.readTree(document));
        } catch (JsonProcessingException e) {
            return List.of(e.getOriginalMessage());
        }
    }

    private static List<String> validate(String document) {
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
