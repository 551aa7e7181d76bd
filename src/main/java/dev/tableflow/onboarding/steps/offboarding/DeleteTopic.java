package dev.tableflow.onboarding.steps.offboarding;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.EndpointClients;
import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Endpoints;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.ManagedTopics;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Offboarding step 3, only when asked: the Kafka topic and its records. A topic already gone is the outcome wanted.
 * Confluent Cloud deletes a topic asynchronously (the DELETE answers 204 while the topic is still listed;
 * terraform-provider-confluent waits for the 404): the step ends only once the topic is gone, so TopicOffboarded never
 * announces a topic that a new onboarding would still find, and the state machine polls it as not ready yet, bounded.
 */
@ApplicationScoped
public class DeleteTopic {

    public static final String STEP = "DeleteTopic";

    public record Input(String topic, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String topic, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final EndpointClients clients;
    private final Endpoints endpoints;
    private final ManagedTopics managed;

    public DeleteTopic(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, EndpointClients clients, Endpoints endpoints,
            ManagedTopics managed) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.clients = clients;
        this.endpoints = endpoints;
        this.managed = managed;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "topic " + Rules.abbreviate(String.valueOf(input.topic())));
        String topic = Rules.require(context, "topic", input.topic(), Rules.TOPIC_NAME, "a Kafka topic name");
        // Checked again here: the function may be invoked on its own, without DisableTableflowTopic's check.
        managed.requireDataOwned(context, input.topic(), "deleteTopic");
        String auth = keys.kafka(context).basicAuthorization();
        var kafka = clients.kafkaRest(endpoints.kafkaRest(context, endpoints.kafkaCluster(context)));
        String cluster = settings.config().kafkaClusterId();
        Optional<Boolean> deleted = calls.find(context, () -> {
            kafka.delete(auth, cluster, topic);
            return Boolean.TRUE;
        });
        if (calls.find(context, () -> kafka.get(auth, cluster, topic)).isPresent()) {
            throw new NotReadyException(context, "deleted; Kafka still lists it while it deletes it, waiting until it is gone");
        }
        return new Output(topic, Ensure.report(context, topic, deleted.isPresent() ? Outcome.DELETED : Outcome.UNCHANGED).outcome());
    }
}
