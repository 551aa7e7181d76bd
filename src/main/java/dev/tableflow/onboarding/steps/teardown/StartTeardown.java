package dev.tableflow.onboarding.steps.teardown;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.request.TeardownRequest;
import dev.tableflow.onboarding.steps.StackTopics;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Teardown step 1: refuses a bad request or deployment before anything is deleted, then lists the cluster's TableFlow
 * topics (all pages) that store through this stack's provider integration, which the workflow disables one by one
 * with the offboarding's DisableTableflowTopic. Other TableFlow topics of the cluster (Confluent-managed storage,
 * another team's bucket, another region's stack) are not this environment's to disable, and neither is one that stores
 * through the integration but is not in the stack's record of managed topics (someone else enabled it with it).
 */
@ApplicationScoped
public class StartTeardown {

    public static final String STEP = "StartTeardown";
    private static final Logger LOG = Logger.getLogger(StartTeardown.class);

    /** The event's detail, as sent. */
    public record Input(JsonNode request, Invocation invocation) implements Invocation.Carrier {}

    public record Output(boolean force, String requestId, List<String> tableflowTopics) {}

    private final EnvironmentSettings settings;
    private final StackTopics stackTopics;

    public StartTeardown(EnvironmentSettings settings, StackTopics stackTopics) {
        this.settings = settings;
        this.stackTopics = stackTopics;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "TableFlow topics of cluster " + settings.config().kafkaClusterId());
        TeardownRequest request = TeardownRequest.parse(context, input.request());
        settings.validate(context);
        // No provider integration left: the teardown got past its last step before, so no topic stores through it.
        List<String> topics = stackTopics.list(context).stream().map(topic -> topic.spec().displayName()).toList();
        LOG.infof("%s: %d to disable, force=%s, request %s", context, topics.size(), request.force(), request.requestId().orElse("-"));
        return new Output(request.force(), request.requestId().orElse(null), topics);
    }
}
