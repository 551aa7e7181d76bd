package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.aws.TopicRegistry.Entry;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import dev.tableflow.onboarding.errors.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This environment's TableFlow topics: those the stack's record holds ({@link ManagedTopics}) that TableFlow
 * materializes through this stack's provider integration. Other TableFlow topics of the cluster (Confluent-managed
 * storage, another team's bucket, another region's stack, one enabled by hand through the integration) are not this
 * environment's. None when the provider integration or the TableFlow key is gone (a finished teardown): nothing can
 * store through it then.
 */
@ApplicationScoped
public class StackTopics {

    private final StoredKeys keys;
    private final Integrations integrations;
    private final ManagedTopics managed;

    public StackTopics(StoredKeys keys, Integrations integrations, ManagedTopics managed) {
        this.keys = keys;
        this.integrations = integrations;
        this.managed = managed;
    }

    public List<TableflowTopic> list(StepContext context) {
        Set<String> recorded = managed.all(context).stream().map(Entry::topic).collect(Collectors.toSet());
        return integrations.provider(context).map(ProviderIntegration::id)
                .flatMap(id -> keys.tableflowUnlessDeleted(context)
                        .map(key -> integrations.tableflowTopicsThrough(context, key.basicAuthorization(), id).stream()
                                .filter(topic -> recorded.contains(topic.spec().displayName())).toList()))
                .orElse(List.of());
    }
}
