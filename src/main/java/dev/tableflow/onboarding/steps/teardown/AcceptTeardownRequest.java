package dev.tableflow.onboarding.steps.teardown;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.request.TeardownRequest;
import dev.tableflow.onboarding.steps.RequestIntake;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Intake of {@code TableflowTeardownRequested}: reads the event strictly, refuses it by the teardown's own rules
 * ({@link TeardownRequest}, which StartTeardown applies again to whatever starts the workflow), then starts one
 * teardown execution whose input is the request as validated here ({@code force}, and {@code requestId} when given),
 * so {@code {"force": false, "force": true}} never reaches the workflow as {@code true}. The execution is named after
 * the event id: EventBridge may deliver an event more than once, and every delivery is that one execution. A refused
 * request is answered with {@code TeardownRequestRejected}.
 */
@ApplicationScoped
public class AcceptTeardownRequest {

    public static final String STEP = "AcceptTeardownRequest";
    public static final String REJECTED = "TeardownRequestRejected";
    private static final RequestIntake.Intake INTAKE = new RequestIntake.Intake(STEP, "teardown request", REJECTED);
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Output(String executionName, String executionArn, boolean force) {}

    private final EnvironmentSettings settings;
    private final RequestIntake intake;

    public AcceptTeardownRequest(EnvironmentSettings settings, RequestIntake intake) {
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
        TeardownRequest request = TeardownRequest.parse(context, event.detail());
        String stateMachine = RequestIntake.stateMachine(context, settings.config().teardownStateMachineArn(),
                "TABLEFLOW_TEARDOWN_STATE_MACHINE_ARN");
        ObjectNode input = JSON.createObjectNode().put("force", request.force());
        request.requestId().ifPresent(requestId -> input.put("requestId", requestId));
        RequestIntake.Started started = intake.start(context, stateMachine, RequestIntake.executionName("teardown-", id), input.toString(), "id", id);
        return new Output(started.name(), started.arn(), request.force());
    }
}
