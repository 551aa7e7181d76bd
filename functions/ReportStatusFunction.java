package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.status.ReportStatus;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the status report; invoked directly or by a TableflowStatusRequested event. */
@Observed
@Named(ReportStatus.STEP)
public class ReportStatusFunction implements RequestHandler<ReportStatus.Input, ReportStatus.Output> {

    @Inject
    ReportStatus step;

    @Override
    public ReportStatus.Output handleRequest(ReportStatus.Input input, Context context) {
        return step.run(input);
    }
}
