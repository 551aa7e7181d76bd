package dev.tableflow.onboarding.steps.bootstrap;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Integrations;
import dev.tableflow.onboarding.steps.ManagedTopics;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Bootstrap step after the TableFlow key is accepted: the record of managed topics takes in, once, the TableFlow topics
 * that store through this stack's own provider integration into its own bucket and that it has no record of. A stack
 * upgraded from a version without the record onboarded exactly those, so its users can still offboard them. Once done,
 * a run reads one item and writes nothing ({@link ManagedTopics#adoptOnce}).
 */
@ApplicationScoped
public class AdoptTableflowTopics {

    public static final String STEP = "AdoptTableflowTopics";

    /** {@code providerIntegrationId} only to refuse it: the step finds the integration itself. */
    public record Input(String providerIntegrationId, Invocation invocation) implements Invocation.Carrier {}

    public record Output(List<String> adopted, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final Integrations integrations;
    private final ManagedTopics managed;

    public AdoptTableflowTopics(EnvironmentSettings settings, StoredKeys keys, Integrations integrations, ManagedTopics managed) {
        this.settings = settings;
        this.keys = keys;
        this.integrations = integrations;
        this.managed = managed;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "TableFlow topics of cluster " + settings.config().kafkaClusterId());
        // Which topics are the stack's is decided by its own integration, looked up by name, never by a Task's input:
        // another integration's id would take another stack's topics into this one's record, and so within its reach.
        Rules.absent(context, "providerIntegrationId", input.providerIntegrationId(), Integrations.LOOKED_UP);
        String provider = integrations.requireProvider(context).id();
        String bucket = settings.config().bucketName();
        List<String> adopted = managed.adoptOnce(context, () -> integrations.tableflowTopicsThrough(context,
                        keys.tableflow(context).basicAuthorization(), provider).stream()
                .filter(topic -> bucket.equals(topic.spec().storage().bucketName()))
                .map(topic -> topic.spec().displayName())
                .toList(), input.invocation());
        return new Output(adopted, Ensure.report(context, adopted, adopted.isEmpty() ? Outcome.UNCHANGED : Outcome.ADOPTED).outcome());
    }
}
