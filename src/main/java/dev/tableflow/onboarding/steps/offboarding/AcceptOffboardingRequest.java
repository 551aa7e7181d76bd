package dev.tableflow.onboarding.steps.offboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.request.OffboardingRequest;
import dev.tableflow.onboarding.steps.RequestIntake;
import dev.tableflow.onboarding.validation.Rules;

/**
 * Intake of {@code TopicOffboardingRequested} and {@code TopicDataDeletionRequested} ({@link RequestIntake}: read
 * strictly, one execution per event, a refusal answered with {@code OffboardingRequestRejected}). The request is
 * refused by the offboarding's own rules ({@link OffboardingRequest}: a deletion only under the detail-type that asks
 * for one); the execution gets the event's id, its detail-type as EventBridge delivered it (the bus policy decided who
 * may send which) and the request as read here, so the workflow runs exactly what was validated.
 */
public final class AcceptOffboardingRequest {

    public static final String STEP = "AcceptOffboardingRequest";
    public static final String REJECTED = "OffboardingRequestRejected";
    static final String OFFBOARDING = "TopicOffboardingRequested";
    public static final RequestIntake.Intake INTAKE = new RequestIntake.Intake(STEP, "offboarding request", REJECTED, "offboard-",
            TableflowConfig::offboardingStateMachineArn, "TABLEFLOW_OFFBOARDING_STATE_MACHINE_ARN", AcceptOffboardingRequest::input);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AcceptOffboardingRequest() {}

    static String input(StepContext context, RequestIntake.Event event) {
        if (!OFFBOARDING.equals(event.detailType()) && !OffboardingRequest.DATA_DELETION.equals(event.detailType())) {
            throw new InvalidInputException(context, "detail-type", "\"" + Rules.abbreviate(String.valueOf(event.detailType()))
                    + "\" is neither " + OFFBOARDING + " nor " + OffboardingRequest.DATA_DELETION);
        }
        OffboardingRequest request = OffboardingRequest.parse(context, event.detail(), event.detailType());
        ObjectNode input = JSON.createObjectNode().put("id", event.id()).put("detail-type", event.detailType());
        input.putObject("detail").put("topic", request.topic()).put("deleteSchema", request.deleteSchema()).put("deleteTopic", request.deleteTopic());
        return input.toString();
    }
}
