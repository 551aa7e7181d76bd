package dev.tableflow.onboarding.steps.teardown;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.request.TeardownRequest;
import dev.tableflow.onboarding.steps.RequestIntake;

/**
 * Intake of {@code TableflowTeardownRequested} ({@link RequestIntake}: read strictly, one execution per event, a
 * refusal answered with {@code TeardownRequestRejected}). The request is refused by the teardown's own rules
 * ({@link TeardownRequest}, which StartTeardown applies again to whatever starts the workflow); the execution's input
 * is the request as read here ({@code force}, and {@code requestId} when given), so {@code {"force": false, "force":
 * true}} never reaches the workflow as {@code true}.
 */
public final class AcceptTeardownRequest {

    public static final String STEP = "AcceptTeardownRequest";
    public static final String REJECTED = "TeardownRequestRejected";
    public static final RequestIntake.Intake INTAKE = new RequestIntake.Intake(STEP, "teardown request", REJECTED, "teardown-",
            TableflowConfig::teardownStateMachineArn, "TABLEFLOW_TEARDOWN_STATE_MACHINE_ARN", AcceptTeardownRequest::input);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AcceptTeardownRequest() {}

    static String input(StepContext context, RequestIntake.Event event) {
        TeardownRequest request = TeardownRequest.parse(context, event.detail());
        ObjectNode input = JSON.createObjectNode().put("force", request.force());
        request.requestId().ifPresent(requestId -> input.put("requestId", requestId));
        return input.toString();
    }
}
