package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.validation.Rules;

import java.util.Set;

/**
 * The detail of a {@code TopicOffboardingRequested} or {@code TopicDataDeletionRequested} event. Deleting data is
 * never a default: the schema and the Kafka topic are deleted only when the request says so with {@code true}, and
 * only under {@code TopicDataDeletionRequested}, the detail-type the bus's policy lets only the stack's
 * DataDeletionRequesters send (PutEvents has no condition key on the detail, so the detail-type carries the right).
 */
public record OffboardingRequest(String topic, boolean deleteSchema, boolean deleteTopic) {

    public static final String DATA_DELETION = "TopicDataDeletionRequested";
    private static final Set<String> FIELDS = Set.of("topic", "deleteSchema", "deleteTopic");

    /** @param detailType the event's detail-type; null when the request did not come as an event (the teardown's) */
    public static OffboardingRequest parse(StepContext context, JsonNode detail, String detailType) {
        String name = RequestFields.topic(context, detail, FIELDS);
        OffboardingRequest request = new OffboardingRequest(name, RequestFields.flag(context, detail, "deleteSchema"), RequestFields.flag(context, detail, "deleteTopic"));
        if ((request.deleteSchema() || request.deleteTopic()) && !DATA_DELETION.equals(detailType)) {
            throw new InvalidInputException(context, request.deleteTopic() ? "deleteTopic" : "deleteSchema", "deleting data takes a "
                    + DATA_DELETION + " event, which only the stack's DataDeletionRequesters may send; "
                    + (detailType == null ? "this request came as no event" : Rules.abbreviate(detailType) + " only disables TableFlow"));
        }
        return request;
    }

}
