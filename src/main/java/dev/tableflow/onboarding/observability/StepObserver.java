package dev.tableflow.onboarding.observability;

import com.amazonaws.services.lambda.runtime.Context;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.StepException;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Around every {@link Observed} handler invocation: the execution id, the step and Lambda's request id go into the
 * MDC, so every log line of the invocation carries them; the invocation is timed and ends with one embedded-metric
 * record; Lambda's remaining time becomes the calls' {@link Deadline}. The MDC and the deadline are cleared afterwards,
 * because a warm Lambda container serves many invocations on the same thread.
 */
@Observed
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class StepObserver {

    private static final Logger LOG = Logger.getLogger(StepObserver.class);
    static final String EXECUTION_ID = "executionId";
    static final String STEP = "step";
    static final String REQUEST_ID = "requestId";
    static final String RETRY_COUNT = "retryCount";

    @Inject
    EmbeddedMetrics metrics;

    @Inject
    ConfluentCalls calls;

    @Inject
    Deadline deadline;

    @AroundInvoke
    Object observe(InvocationContext call) throws Exception {
        String step = call.getMethod().getDeclaringClass().getAnnotation(Named.class).value();
        Object[] arguments = call.getParameters();
        Invocation invocation = arguments[0] instanceof Invocation.Carrier input ? input.invocation() : null;
        // Last: (input, Context) for a RequestHandler, (in, out, Context) for the intake's stream handler.
        Context lambda = arguments.length > 1 && arguments[arguments.length - 1] instanceof Context given ? given : null;
        String requestId = lambda == null ? null : lambda.getAwsRequestId();
        if (lambda != null) {
            deadline.start(lambda.getRemainingTimeInMillis());
        }
        MDC.put(STEP, step);
        if (requestId != null) {
            MDC.put(REQUEST_ID, requestId);
        }
        if (invocation != null) {
            MDC.put(EXECUTION_ID, invocation.executionId());
            MDC.put(RETRY_COUNT, invocation.retryCount());
        }
        calls.takeRetries(); // what an earlier invocation of this container left is not ours
        long started = System.nanoTime();
        String outcome = null;
        try {
            Object result = call.proceed();
            outcome = result instanceof Ensure.Reported reported && reported.outcome() != null
                    ? reported.outcome().name() : EmbeddedMetrics.SUCCEEDED;
            return result;
        } catch (Error error) {
            // No Error leaves a handler: the state machines match our four types, and Lambda would report an Error's
            // class (StackOverflowError, say) as a failure no Catch names and no operator can act on.
            StepException reported = fromError(step, requestId, error);
            outcome = reported.getClass().getName();
            LOG.errorf(error instanceof StackOverflowError ? null : error, "%s: %s", outcome, reported.getMessage());
            throw reported;
        } catch (Exception e) {
            // The name Lambda reports as errorType, and the state machines match in Retry and Catch.
            outcome = e.getClass().getName();
            // Lambda's runtime reports the failure too, but without the execution id this line carries.
            if (e instanceof StepException) {
                LOG.warnf("%s: %s", outcome, e.getMessage()); // "step: resource: cause", free of secrets by design
            } else {
                LOG.errorf(e, "%s: unexpected failure", outcome);
            }
            throw e;
        } finally {
            long millis = (System.nanoTime() - started) / 1_000_000;
            metrics.emit(new EmbeddedMetrics.StepRecord(step, outcome, millis, invocation, calls.takeRetries(), requestId));
            MDC.clear();
            deadline.clear();
        }
    }

    /**
     * Input nested deeper than a recursive walk can follow is the caller's doing: invalid input. Any other Error is
     * terminal; retrying the same input would meet it again. The reader's nesting limit (runtime/StrictJson) should
     * leave nothing to overflow, so reaching this is a defect to fix, and says so.
     */
    static StepException fromError(String step, String requestId, Error error) {
        StepContext context = new StepContext(step, "invocation " + (requestId == null ? "?" : requestId));
        if (error instanceof StackOverflowError) {
            return new InvalidInputException(context, "(the input)", "nested too deeply to process");
        }
        return new TerminalException(context, "unexpected " + error.getClass().getName() + " (a defect to report): "
                + Rules.abbreviate(String.valueOf(error.getMessage())), error);
    }
}
