package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tableflow.onboarding.request.RequestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Data is deleted only under the detail-type the bus's policy reserves for the DataDeletionRequesters, and never for a
 * topic that Kafka or Confluent keep for themselves; topics are named by the onboarding's rule, "." and ".." included.
 */
class OffboardingRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StepContext CONTEXT = new StepContext("DisableTableflowTopic", "test");

    @Test
    void aDataDeletionRequestDeletesWhatItAsks() throws Exception {
        OffboardingRequest request = OffboardingRequest.parse(CONTEXT,
                JSON.readTree("{\"topic\":\"orders\",\"deleteSchema\":true,\"deleteTopic\":true}"), OffboardingRequest.DATA_DELETION);

        assertThat(request).isEqualTo(new OffboardingRequest("orders", true, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "{\"topic\":\"orders\"}                     | TopicOffboardingRequested",
            "{\"topic\":\"orders\"}                     | TopicDataDeletionRequested",
            "{\"topic\":\"orders\",\"deleteTopic\":false} | null"})
    void disablingTableflowNeedsNoRight(String detail, String detailType) throws Exception {
        assertThat(OffboardingRequest.parse(CONTEXT, JSON.readTree(detail), detailType)).isEqualTo(new OffboardingRequest("orders", false, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "{\"topic\":\"orders\",\"deleteTopic\":true}                     | TopicOffboardingRequested  | invalid deleteTopic: deleting data takes a TopicDataDeletionRequested event",
            "{\"topic\":\"orders\",\"deleteSchema\":true}                    | TopicOffboardingRequested  | invalid deleteSchema: deleting data takes a TopicDataDeletionRequested event",
            "{\"topic\":\"orders\",\"deleteSchema\":true,\"deleteTopic\":true} | topicdatadeletionrequested | invalid deleteTopic",
            "{\"topic\":\"orders\",\"deleteTopic\":true}                     | null                       | this request came as no event",
            "{\"topic\":\"__consumer_offsets\",\"deleteTopic\":true}         | TopicDataDeletionRequested | invalid topic: \"__consumer_offsets\" is a reserved topic name: names starting with \"__\" are Kafka's internal topics",
            "{\"topic\":\"_confluent-ksql-default__command_topic\"}           | TopicOffboardingRequested  | reserved for Confluent Cloud's own topics"})
    void refusedNamingTheFieldAndTheReason(String detail, String detailType, String message) throws Exception {
        assertThatThrownBy(() -> OffboardingRequest.parse(CONTEXT, JSON.readTree(detail), detailType))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "", "a/b", "a b"})
    void aNameKafkaWouldRefuseIsRefusedNamingTheField(String name) {
        assertThatThrownBy(() -> OffboardingRequest.parse(CONTEXT, JSON.readTree(json("{'topic':'" + name + "'}")), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(": invalid topic: ");
    }

    @Test
    void dotsInsideANameAreKafkasOwn() throws Exception {
        assertThat(OffboardingRequest.parse(CONTEXT, JSON.readTree(json("{'topic':'...'}")), null).topic()).isEqualTo("...");
        assertThat(OffboardingRequest.parse(CONTEXT, JSON.readTree(json("{'topic':'orders.v1'}")), null).topic()).isEqualTo("orders.v1");
    }
}
