package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TableFlow key is deleted only on a JSON {@code true}; anything doubtful is refused, naming the field. */
class TeardownRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StepContext CONTEXT = new StepContext("StartTeardown", "test");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                  | false",
            "{\"force\":false}                   | false",
            "{\"force\":true}                    | true",
            "{\"force\":true,\"requestId\":\"t-1\"} | true"})
    void forceIsAJsonBooleanAndDefaultsToKeepingTheKey(String detail, boolean force) throws Exception {
        assertThat(TeardownRequest.parse(CONTEXT, JSON.readTree(detail)).force()).isEqualTo(force);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"force\":\"true\"}       | invalid force",
            "{\"force\":1}              | invalid force",
            "{\"force\":null}           | invalid force",
            "{\"force\":[true]}         | invalid force",
            "{\"forced\":true}          | invalid detail.forced",
            "{\"requestId\":\"a b\"}    | invalid requestId",
            "[true]                     | invalid detail"})
    void anythingElseIsRefusedNamingTheField(String detail, String message) throws Exception {
        JsonNode request = JSON.readTree(detail);

        assertThatThrownBy(() -> TeardownRequest.parse(CONTEXT, request)).isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }

    @Test
    void noDetailAtAllKeepsTheKey() throws Exception {
        assertThat(TeardownRequest.parse(CONTEXT, JSON.readTree("null")).force()).isFalse();
        assertThat(TeardownRequest.parse(CONTEXT, null).force()).isFalse();
    }
}
