package dev.tableflow.onboarding.steps.onboarding;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.EndpointClients;
import dev.tableflow.onboarding.confluent.KafkaRestClient;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Endpoints;
import dev.tableflow.onboarding.steps.Readiness;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Onboarding readiness check: the Kafka key lists the cluster's topics. A new key can be accepted by one broker
 * of the REST fleet before the others, so it must answer 200 twice in a row; the step polls in process
 * ({@link Readiness}) and the state machine retries it on {@code NotReadyException}, bounded.
 */
@ApplicationScoped
public class CheckKafkaApiKey {

    public static final String STEP = "CheckKafkaApiKey";
    static final int CONSECUTIVE_SUCCESSES = 2;

    /** {@code restEndpoint} is refused when given (see {@link Endpoints}). */
    /** @param waitingSince when the state machine entered this state, which spaces the polls (see {@link Readiness}) */
    public record Input(String restEndpoint, String waitingSince, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String keyId, boolean usable) {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final EndpointClients clients;
    private final Endpoints endpoints;
    private final Readiness readiness;

    public CheckKafkaApiKey(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, EndpointClients clients, Endpoints endpoints,
            Readiness readiness) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.clients = clients;
        this.endpoints = endpoints;
        this.readiness = readiness;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "API key \"" + settings.kafkaApiKeyName() + "\"");
        Rules.absent(context, "restEndpoint", input.restEndpoint(), "the Kafka key goes only to the deployment's endpoint or the one Confluent reports for the cluster");
        String endpoint = endpoints.kafkaRest(context);
        ApiKeyCredentials key = keys.kafka(context);
        readiness.await(context, readiness.since(context, input.waitingSince()), () -> {
            probe(context, endpoint, key);
            return key;
        });
        return new Output(key.key(), true);
    }

    /** Returns once the cluster's REST endpoint accepts the key; NotReady while it is still propagating. */
    public void probe(StepContext context, String restEndpoint, ApiKeyCredentials key) {
        KafkaRestClient kafka = clients.kafkaRest(restEndpoint);
        for (int i = 0; i < CONSECUTIVE_SUCCESSES; i++) {
            calls.withKey(context, key, () -> kafka.list(key.basicAuthorization(), settings.config().kafkaClusterId()));
        }
    }
}
