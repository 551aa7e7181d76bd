package dev.tableflow.onboarding.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tableflow.onboarding.request.RequestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schema check of inline schemas resolves nothing from outside the document: {@code $schema} names only a
 * draft whose meta-schema the validator bundles, and a reference that leaves the document is refused, saying so.
 */
class JsonSchemasTest {

    /** Not a JSON Schema under any draft: "type" must be a type name. */
    private static final String INVALID_BODY = "'type':'bogus'";

    @ParameterizedTest
    @ValueSource(strings = {"http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-06/schema#",
            "http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema",
            "https://json-schema.org/draft/2019-09/schema", "https://json-schema.org/draft/2020-12/schema"})
    void theBundledDraftsStillJudgeTheSchema(String draft) {
        assertThat(JsonSchemas.problems(json("{'$schema':'" + draft + "','type':'object','properties':{'id':{'type':'string'}}}"))).isEmpty();
        assertThat(JsonSchemas.problems(json("{'$schema':'" + draft + "'," + INVALID_BODY + "}"))).isNotEmpty();
    }

    /**
     * Before the allow-list, a {@code classpath:} or {@code resource:} {@code $schema} made a JSON file of the
     * deployable the meta-schema (one that accepts anything), so this invalid schema passed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"classpath:schemas/json/values/topic2-value.json", "resource:/schemas/json/values/topic2-value.json",
            "classpath:/META-INF/quarkus-extension.json", "file:///etc/passwd", "jar:file:/var/task/lib/app.jar!/x.json",
            "https://attacker.example/meta.json", "http://json-schema.org/draft-07/schema#/definitions/nonNegativeInteger"})
    void aSchemaNamingAnyOtherMetaSchemaIsRefused(String metaSchema) {
        assertThat(JsonSchemas.problems(json("{'$schema':'" + metaSchema + "'," + INVALID_BODY + "}")))
                .singleElement().asString().startsWith("/$schema: ").contains("is not a JSON Schema draft we validate against");
    }

    @Test
    void aMetaSchemaNamedInASubschemaIsRefusedToo() {
        assertThat(JsonSchemas.problems(json("{'type':'object','properties':{'a':{'$schema':'classpath:x.json','type':'bogus'}}}")))
                .singleElement().asString().startsWith("/properties/a/$schema: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://attacker.example/s.json", "classpath:schemas/json/values/topic2-value.json", "other.json#/a",
            "file:///etc/passwd"})
    void aReferenceOutsideTheDocumentIsRefusedSayingSo(String reference) {
        assertThat(JsonSchemas.problems(json("{'type':'object','properties':{'a':{'$ref':'" + reference + "'}}}")))
                .singleElement().asString().startsWith("/properties/a/$ref: ").contains("remote references are not resolved");
    }

    @Test
    void aReferenceInsideTheDocumentIsFine() {
        assertThat(JsonSchemas.problems(json(
                "{'definitions':{'id':{'type':'string'}},'type':'object','properties':{'a':{'$ref':'#/definitions/id'}}}"))).isEmpty();
    }

    @Test
    void aPropertyNamedRefIsNotAReference() {
        assertThat(JsonSchemas.problems(json("{'type':'object','properties':{'$ref':{'type':'string'}}}"))).isEmpty();
    }
}
