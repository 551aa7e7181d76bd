package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tableflow.onboarding.request.RequestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Offboarding names topics by the onboarding's rule: Kafka's, "." and ".." included. */
class OffboardingRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StepContext CONTEXT = new StepContext("DisableTableflowTopic", "test");

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "", "a/b", "a b"})
    void aNameKafkaWouldRefuseIsRefusedNamingTheField(String name) {
        assertThatThrownBy(() -> OffboardingRequest.parse(CONTEXT, JSON.readTree(json("{'topic':'" + name + "'}"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(": invalid topic: ");
    }

    @Test
    void dotsInsideANameAreKafkasOwn() throws Exception {
        assertThat(OffboardingRequest.parse(CONTEXT, JSON.readTree(json("{'topic':'...'}"))).topic()).isEqualTo("...");
        assertThat(OffboardingRequest.parse(CONTEXT, JSON.readTree(json("{'topic':'orders.v1'}"))).topic()).isEqualTo("orders.v1");
    }
}
