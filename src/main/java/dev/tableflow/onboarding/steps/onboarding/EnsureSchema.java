package dev.tableflow.onboarding.steps.onboarding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.EndpointClients;
import dev.tableflow.onboarding.confluent.SchemaRegistryClient.SchemaRequest;
import dev.tableflow.onboarding.confluent.SchemaRegistryClient;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.request.JsonSchemas;
import dev.tableflow.onboarding.request.OnboardingRequest;
import dev.tableflow.onboarding.request.TopicRequest;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Endpoints;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Onboarding step 3: the topic's value schema under subject {@code {topic}-value}, as JSON Schema. The same
 * schema already registered is left alone; a new one is checked for compatibility first, so an incompatible
 * change fails with Schema Registry's own messages instead of half-registering.
 */
@ApplicationScoped
public class EnsureSchema {

    public static final String STEP = "EnsureSchema";
    static final String JSON = "JSON";

    /** {@code schemaRegistryEndpoint} is refused when given (see {@link Endpoints}). */
    public record Input(JsonNode topic, String schemaRegistryEndpoint, Boolean dryRun, Invocation invocation) implements Invocation.Carrier {}

    /** {@code plan} in a dry run, instead of an outcome. */
    public record Output(String subject, Integer schemaId, Outcome outcome, @JsonInclude(JsonInclude.Include.NON_NULL) Ensure.Planned plan)
            implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final EndpointClients clients;
    private final Endpoints endpoints;

    public EnsureSchema(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, EndpointClients clients, Endpoints endpoints) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.clients = clients;
        this.endpoints = endpoints;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "subject " + (input.topic() == null ? "?" : Rules.abbreviate(input.topic().path("name").asText()) + "-value"));
        TopicRequest topic = OnboardingRequest.topic(context, "topic", input.topic());
        Rules.absent(context, "schemaRegistryEndpoint", input.schemaRegistryEndpoint(), "the Schema Registry key goes only to the deployment's endpoint or the one Confluent reports");
        SchemaRegistryClient registry = clients.schemaRegistry(endpoints.schemaRegistry(context).endpoint());
        boolean dryRun = Boolean.TRUE.equals(input.dryRun());
        String subject = topic.subject();
        Optional<ApiKeyCredentials> stored = dryRun ? keys.schemaRegistryIfStored(context) : Optional.of(keys.schemaRegistry(context));
        if (stored.isEmpty()) {
            return new Output(subject, null, null, Ensure.plan(context, Ensure.Action.UNKNOWN, "not looked up and not checked for compatibility: "
                    + "Schema Registry answers only to its own API key and the stack has none yet (" + EnsureSchemaRegistryApiKey.STEP + " would create it)"));
        }
        ApiKeyCredentials key = stored.get();
        String auth = key.basicAuthorization();
        SchemaRequest schema = new SchemaRequest(JSON, document(topic));

        // The first call with a freshly created Schema Registry key may be refused while it propagates.
        Optional<SchemaRegistryClient.Registered> registered = calls.withKey(context, key, () -> calls.find(context, () -> registry.lookUp(auth, subject, schema)));
        if (registered.isPresent() && dryRun) {
            return new Output(subject, registered.get().id(), null, Ensure.plan(context, Ensure.Action.ADOPT, "registered as schema id " + registered.get().id()));
        }
        if (registered.isPresent()) {
            return new Output(subject, registered.get().id(), Ensure.report(context, subject, Outcome.ADOPTED).outcome(), null);
        }
        // 404 means the subject is new: there is nothing to be compatible with.
        Optional<SchemaRegistryClient.Compatibility> checked = calls.find(context, () -> registry.checkAgainstLatest(auth, subject, true, schema));
        checked.ifPresent(check -> {
            if (!check.compatible()) {
                throw new TerminalException(context, "the schema is incompatible with the latest registered version: "
                        + (check.messages() == null || check.messages().isEmpty() ? "Schema Registry gave no reason" : String.join("; ", check.messages())));
            }
        });
        if (dryRun) {
            return new Output(subject, null, null, Ensure.plan(context, Ensure.Action.CREATE, checked.isPresent()
                    ? "a new version, which Schema Registry's compatibility check accepts against the latest" : "a new subject"));
        }
        SchemaRegistryClient.Registered created = calls.write(context, () -> registry.register(auth, subject, schema));
        return new Output(subject, created.id(), Ensure.report(context, subject, Outcome.CREATED).outcome(), null);
    }

    private static String document(TopicRequest topic) {
        // OnboardingRequest.topic has checked that a named schema ships with the application.
        return topic.schema().inline() != null ? topic.schema().inline().toString() : JsonSchemas.shipped(topic.schema().name()).orElseThrow();
    }
}
