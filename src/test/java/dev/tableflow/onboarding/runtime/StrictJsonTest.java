package dev.tableflow.onboarding.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import org.junit.jupiter.api.Test;

import static dev.tableflow.onboarding.request.RequestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The mapper every function reads its payload with, and how its refusals name the field (the packaged runtime: TrustBoundariesIT). */
class StrictJsonTest {

    private static final StepContext CONTEXT = new StepContext("StartOnboarding", "onboarding request ?");

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static InvalidInputException refusal(String payload, String root) throws Exception {
        ObjectMapper mapper = strict();
        try (JsonParser parser = mapper.createParser(payload)) {
            mapper.readValue(parser, JsonNode.class);
            return fail("read " + payload);
        } catch (JsonProcessingException e) {
            try (JsonParser parser = mapper.createParser(payload)) {
                // The same position again, with the parser at hand as the intake has it.
                try {
                    mapper.readValue(parser, JsonNode.class);
                } catch (JsonProcessingException again) {
                    return StrictJson.refusal(CONTEXT, root, parser, again);
                }
            }
            return fail("read on the second pass");
        }
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() throws Exception {
        assertThat(refusal(json("{'force':false,'force':true}"), "").getMessage())
                .isEqualTo("StartOnboarding: onboarding request ?: invalid force: Duplicate field 'force'");
        assertThat(refusal(json("{'id':'1','detail':{'topics':[{'name':'a','name':'b'}]}}"), "detail").getMessage())
                .contains(": invalid topics[0].name: Duplicate field 'name'");
    }

    @Test
    void nestingBeyondTheLimitIsRefusedNamingWhereItStarts() throws Exception {
        String deep = "{'a':".repeat(StrictJson.MAX_NESTING_DEPTH) + "1" + "}".repeat(StrictJson.MAX_NESTING_DEPTH);
        String event = json("{'detail':{'topics':[{'schema':{'inline':" + deep + "}}]}}");

        InvalidInputException refused = refusal(event, "detail");

        assertThat(refused.getMessage()).contains(": invalid topics[0].schema.inline: nested more than 64 levels deep");
    }

    @Test
    void whatIsWithinTheLimitsReads() throws Exception {
        String deep = "[".repeat(StrictJson.MAX_NESTING_DEPTH) + "]".repeat(StrictJson.MAX_NESTING_DEPTH);
        assertThat(strict().readTree(deep).isArray()).isTrue();
        assertThat(strict().readTree(json("{'force':false,'requestId':'t-1'}")).path("force").asBoolean()).isFalse();
    }

    @Test
    void notJsonAtAllIsRefusedAsThePayload() throws Exception {
        assertThat(refusal("{\"version\":\"0\",\"detail\":{\"topics\":[", "detail").getMessage())
                .contains(": invalid topics[0]: Unexpected end-of-input");
    }
}
