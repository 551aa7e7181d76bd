package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The cases of Schema Registry's JSON Schema BACKWARD rules that decide whether a topic's schema may evolve. */
class JsonSchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an optional property added to an open model  | {'type':'object','properties':{'id':{'type':'string'}}} | {'type':'object','properties':{'id':{'type':'string'},'x':{'type':'string'}}} | #/properties/x PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL
            a property with an empty schema added to an open model | {'type':'object','properties':{'id':{'type':'string'}}} | {'type':'object','properties':{'id':{'type':'string'},'x':{}}} |
            a property removed from an open model        | {'type':'object','properties':{'id':{'type':'string'},'x':{'type':'string'}}} | {'type':'object','properties':{'id':{'type':'string'}}} |
            an optional property added to a closed model | {'type':'object','properties':{'id':{'type':'string'}},'additionalProperties':false} | {'type':'object','properties':{'id':{'type':'string'},'x':{'type':'string'}},'additionalProperties':false} |
            a required property added to a closed model  | {'type':'object','properties':{'id':{'type':'string'}},'additionalProperties':false} | {'type':'object','properties':{'id':{'type':'string'},'x':{'type':'string'}},'required':['x'],'additionalProperties':false} | #/properties/x REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL
            a required one with a default, closed model  | {'type':'object','properties':{'id':{'type':'string'}},'additionalProperties':false} | {'type':'object','properties':{'id':{'type':'string'},'x':{'type':'string','default':'a'}},'required':['x'],'additionalProperties':false} |
            a property removed from a closed model       | {'type':'object','properties':{'id':{'type':'string'},'x':{'type':'string'}},'additionalProperties':false} | {'type':'object','properties':{'id':{'type':'string'}},'additionalProperties':false} | #/properties/x PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL
            a model closed                               | {'type':'object','properties':{'id':{'type':'string'}}} | {'type':'object','properties':{'id':{'type':'string'}},'additionalProperties':false} | #/additionalProperties ADDITIONAL_PROPERTIES_REMOVED
            a model opened                               | {'type':'object','properties':{'id':{'type':'string'}},'additionalProperties':false} | {'type':'object','properties':{'id':{'type':'string'}}} |
            an existing property made required           | {'type':'object','properties':{'id':{'type':'string'}}} | {'type':'object','properties':{'id':{'type':'string'}},'required':['id']} | #/required/id REQUIRED_ATTRIBUTE_ADDED
            a required property made optional            | {'type':'object','properties':{'id':{'type':'string'}},'required':['id']} | {'type':'object','properties':{'id':{'type':'string'}}} |
            a property's type changed, nested            | {'type':'object','properties':{'a':{'type':'object','properties':{'n':{'type':'integer'}}}}} | {'type':'object','properties':{'a':{'type':'object','properties':{'n':{'type':'string'}}}}} | #/properties/a/properties/n TYPE_CHANGED
            a property added where a pattern admits it   | {'type':'object','properties':{},'patternProperties':{'^s_':{'type':'string'}},'additionalProperties':false} | {'type':'object','properties':{'s_1':{'type':'string'}},'patternProperties':{'^s_':{'type':'string'}},'additionalProperties':false} |
            a property added against its pattern's type  | {'type':'object','properties':{},'patternProperties':{'^s_':{'type':'string'}},'additionalProperties':false} | {'type':'object','properties':{'s_1':{'type':'integer'}},'patternProperties':{'^s_':{'type':'string'}},'additionalProperties':false} | #/properties/s_1 TYPE_CHANGED
            """)
    void backwardRulesOfSchemaRegistry(String change, String previous, String next, String incompatible) throws Exception {
        JsonNode before = JSON.readTree(previous.replace('\'', '"'));
        JsonNode after = JSON.readTree(next.replace('\'', '"'));

        var differences = JsonSchemaCompatibility.differences(before, after);

        if (incompatible == null) {
            assertThat(differences).as(change).isEmpty();
        } else {
            String[] pathAndType = incompatible.split(" ");
            assertThat(differences).as(change).contains("Found incompatible change: Difference{jsonPath='" + pathAndType[0]
                    + "', type=" + pathAndType[1] + "}");
        }
    }
}
