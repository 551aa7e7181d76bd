package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.monitoring.PublishTableflowMetrics;
import dev.tableflow.onboarding.observability.Observed;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the TableFlow metrics, run by its schedule in template.yaml every five minutes. */
@Observed
@Named(PublishTableflowMetrics.STEP)
public class PublishTableflowMetricsFunction implements RequestHandler<PublishTableflowMetrics.Input, PublishTableflowMetrics.Output> {

    @Inject
    PublishTableflowMetrics step;

    @Override
    public PublishTableflowMetrics.Output handleRequest(PublishTableflowMetrics.Input input, Context context) {
        return step.run(input);
    }
}
