package dev.tableflow.onboarding.steps.offboarding;

import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.EndpointClients;
import dev.tableflow.onboarding.confluent.SchemaRegistryClient;
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
 * Offboarding step 2, only when asked: the subject {@code {topic}-value}, soft-deleted then permanently, as Schema
 * Registry requires. A subject already gone is the outcome wanted.
 */
@ApplicationScoped
public class DeleteSchema {

    public static final String STEP = "DeleteSchema";

    public record Input(String topic, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String subject, Outcome outcome) implements Ensure.Reported {}

    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final EndpointClients clients;
    private final Endpoints endpoints;
    private final ManagedTopics managed;

    public DeleteSchema(StoredKeys keys, ConfluentCalls calls, EndpointClients clients, Endpoints endpoints, ManagedTopics managed) {
        this.keys = keys;
        this.calls = calls;
        this.clients = clients;
        this.endpoints = endpoints;
        this.managed = managed;
    }

    public Output run(Input input) {
        String subject = input.topic() + "-value";
        StepContext context = new StepContext(STEP, "subject " + subject);
        Rules.require(context, "topic", input.topic(), Rules.TOPIC_NAME, "a Kafka topic name");
        // Checked again here: the function may be invoked on its own, without DisableTableflowTopic's check.
        managed.requireDataOwned(context, input.topic(), "deleteSchema");
        String auth = keys.schemaRegistry(context).basicAuthorization();
        SchemaRegistryClient registry = clients.schemaRegistry(endpoints.schemaRegistry(context).endpoint());
        Optional<?> soft = calls.find(context, () -> registry.deleteSubject(auth, subject, false));
        Optional<?> permanent = calls.find(context, () -> registry.deleteSubject(auth, subject, true));
        Outcome outcome = soft.isPresent() || permanent.isPresent() ? Outcome.DELETED : Outcome.UNCHANGED;
        return new Output(subject, Ensure.report(context, subject, outcome).outcome());
    }
}
