package dev.tableflow.onboarding.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tableflow.onboarding.observability.Observed;
import dev.tableflow.onboarding.steps.onboarding.ResumeTableflowTopic;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point of the resume of a suspended TableFlow topic; invoked by a TopicResumeRequested event. */
@Observed
@Named(ResumeTableflowTopic.STEP)
public class ResumeTableflowTopicFunction implements RequestHandler<ResumeTableflowTopic.Input, ResumeTableflowTopic.Output> {

    @Inject
    ResumeTableflowTopic step;

    @Override
    public ResumeTableflowTopic.Output handleRequest(ResumeTableflowTopic.Input input, Context context) {
        return step.run(input);
    }
}
