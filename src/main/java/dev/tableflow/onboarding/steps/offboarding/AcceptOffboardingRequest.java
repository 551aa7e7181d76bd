package dev.tableflow.onboarding.steps.offboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.request.OffboardingRequest;
import dev.tableflow.onboarding.steps.RequestIntake;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Intake of {@code TopicOffboardingRequested} and {@code TopicDataDeletionRequested}: reads the event strictly, refuses
 * it by the offboarding's own rules ({@link OffboardingRequest}: a deletion only under the detail-type that asks for
 * one), then starts one offboarding execution with the event's id, its detail-type as EventBridge delivered it (the
 * bus policy decided who may send which) and the request as validated, so the workflow runs exactly what was read
 * here. The execution is named after the event id: EventBridge may deliver an event more than once, and every
 * delivery is that one execution. A refused request is answered with {@code OffboardingRequestRejected}.
 */
@ApplicationScoped
public class AcceptOffboardingRequest {

    public static final String STEP = "AcceptOffboardingRequest";
    public static final String REJECTED = "OffboardingRequestRejected";
    static final String OFFBOARDING = "TopicOffboardingRequested";
    private static final RequestIntake.Intake INTAKE = new RequestIntake.Intake(STEP, "offboarding request", REJECTED);
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Output(String executionName, String executionArn, String topic) {}

    private final EnvironmentSettings settings;
    private final RequestIntake intake;

    public AcceptOffboardingRequest(EnvironmentSettings settings, RequestIntake intake) {
        this.settings = settings;
        this.intake = intake;
    }

    public Output run(byte[] event) {
        return intake.handle(INTAKE, event, this::start);
    }

    private Output start(RequestIntake.Event event) {
        StepContext context = RequestIntake.context(INTAKE, event);
        String id = RequestIntake.eventId(context, event);
        RequestIntake.time(context, event.time());
        if (!OFFBOARDING.equals(event.detailType()) && !OffboardingRequest.DATA_DELETION.equals(event.detailType())) {
            throw new InvalidInputException(context, "detail-type", "\"" + Rules.abbreviate(String.valueOf(event.detailType()))
                    + "\" is neither " + OFFBOARDING + " nor " + OffboardingRequest.DATA_DELETION);
        }
        OffboardingRequest request = OffboardingRequest.parse(context, event.detail(), event.detailType());
        String stateMachine = RequestIntake.stateMachine(context, settings.config().offboardingStateMachineArn(),
                "TABLEFLOW_OFFBOARDING_STATE_MACHINE_ARN");
        ObjectNode input = JSON.createObjectNode().put("id", id).put("detail-type", event.detailType());
        input.putObject("detail").put("topic", request.topic()).put("deleteSchema", request.deleteSchema()).put("deleteTopic", request.deleteTopic());
        RequestIntake.Started started = intake.start(context, stateMachine, RequestIntake.executionName("offboard-", id), input.toString(), "id", id);
        return new Output(started.name(), started.arn(), request.topic());
    }
}
