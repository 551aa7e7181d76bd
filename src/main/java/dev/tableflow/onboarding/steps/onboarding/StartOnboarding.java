package dev.tableflow.onboarding.steps.onboarding;

import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.request.OnboardingRequest;
import dev.tableflow.onboarding.steps.RequestIntake;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Intake of {@code TopicOnboardingRequested}: validates the whole request before anything is created, then starts
 * one onboarding execution for it. Duplicates collapse into one execution because its name is derived from the
 * request: an explicit {@code requestId} when the caller gives one, otherwise the request's canonical content and
 * the ten minutes of the clock its event's time falls in (so an identical request made later, e.g. to retry a
 * failure, runs again). The same requestId with another request is refused ({@link RequestIntake#start}).
 * <p>
 * A refused request is answered on the project's bus ({@code OnboardingRequestRejected}, naming the field), as a
 * topic's outcome is: whoever sent it learns what to fix without reading this function's logs.
 */
@ApplicationScoped
public class StartOnboarding {

    public static final String STEP = "StartOnboarding";
    public static final String REJECTED = "OnboardingRequestRejected";
    static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(10);
    /** Validated and named here: its executions are named after the request, not the event. */
    private static final RequestIntake.Intake INTAKE = new RequestIntake.Intake(STEP, "onboarding request", REJECTED, "onboard-",
            TableflowConfig::onboardingStateMachineArn, "TABLEFLOW_ONBOARDING_STATE_MACHINE_ARN", null);

    public record Output(String executionName, String executionArn, int topics) {}

    private final RequestIntake intake;

    public StartOnboarding(RequestIntake intake) {
        this.intake = intake;
    }

    /**
     * The event as Lambda delivers it, read here rather than by the runtime: an event the strict reader refuses (a key
     * given twice, nesting too deep, not JSON at all) is bad input like any other, named and answered on the bus.
     */
    public Output run(byte[] event) {
        return intake.handle(INTAKE, event, this::start);
    }

    private Output start(RequestIntake.Event event) {
        StepContext context = RequestIntake.context(INTAKE, event);
        OnboardingRequest request = OnboardingRequest.parse(context, event.detail());
        long window = RequestIntake.time(context, event.time()).getEpochSecond() / DEDUPLICATION_WINDOW.toSeconds();
        String stateMachine = intake.stateMachine(context, INTAKE);
        String requestId = event.detail().path("requestId").asText("");
        String name = requestId.isEmpty() ? RequestIntake.executionName(INTAKE.executionPrefix(), request.canonicalJson() + "@" + window)
                : requestExecutionName(requestId);
        RequestIntake.Started started = intake.start(context, stateMachine, name, request.canonicalJson(), "requestId", requestId);
        return new Output(started.executionName(), started.executionArn(), request.topics().size());
    }

    /** The execution a request with {@code requestId} starts: the CLI follows it (src/cli, README "Command line"). */
    public static String requestExecutionName(String requestId) {
        return RequestIntake.executionName(INTAKE.executionPrefix(), "request:" + requestId);
    }
}
