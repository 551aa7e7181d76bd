package dev.tableflow.onboarding.steps.rotation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.EndpointClients;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.steps.ApiKeys;
import dev.tableflow.onboarding.steps.Endpoints;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.bootstrap.CheckTableflowApiKey;
import dev.tableflow.onboarding.steps.bootstrap.EnsureTableflowApiKey;
import dev.tableflow.onboarding.steps.Readiness;
import dev.tableflow.onboarding.steps.onboarding.CheckKafkaApiKey;
import dev.tableflow.onboarding.steps.onboarding.EnsureKafkaApiKey;
import dev.tableflow.onboarding.steps.onboarding.EnsureSchemaRegistryApiKey;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rotation function of every API key secret this application manages, invoked by Secrets Manager with its
 * four-step contract (createSecret, setSecret, testSecret, finishSecret) and one ClientRequestToken per rotation,
 * the id of the version that receives the new key. Each step can be invoked again (Secrets Manager retries a failed
 * rotation with the same token), so each looks up first:
 * <ol>
 * <li>createSecret: a new key of the same name, owner and resource (the key step's own {@link ApiKeys.Wanted}), stored
 * in the token's version staged AWSPENDING; once per token, leftovers of a crash cleaned up by {@link ApiKeys}.</li>
 * <li>setSecret: nothing (see {@link #run}).</li>
 * <li>testSecret: Confluent accepts the pending key (the Check steps' probe); NotReady until it has propagated.</li>
 * <li>finishSecret: AWSCURRENT moves to the token's version, and only then is the previous key deleted from
 * Confluent.</li>
 * </ol>
 * The workflows keep reading AWSCURRENT throughout: the old key works until the new one is current and tested.
 */
@ApplicationScoped
public class RotateApiKey {

    public static final String STEP = "RotateApiKey";
    static final List<String> STEPS = List.of("createSecret", "setSecret", "testSecret", "finishSecret");
    private static final Pattern ROTATION_STEP = Pattern.compile(String.join("|", STEPS));
    /**
     * How long testSecret waits for a new key to be accepted: Confluent answers 401 for a new key for up to a few
     * minutes (CheckTableflowApiKey polls about 4.6 minutes). The function's Timeout in template.yaml leaves room.
     */
    static final Duration PROPAGATION_BUDGET = Duration.ofMinutes(4);
    private static final Pattern SECRET_ARN = Pattern.compile("arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):(\\d{12}):secret:(.+)-[A-Za-z0-9]{6}");
    /** As Lambda gives it to the function, qualified when the caller named an alias or version. */
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\\d{12}):function:.+");

    /** The event Secrets Manager sends. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(@JsonProperty("Step") String step, @JsonProperty("SecretId") String secretId,
                        @JsonProperty("ClientRequestToken") String clientRequestToken) {}

    /** Names and ids only; Secrets Manager ignores it, operators read it in the log. */
    public record Output(String step, String secretName, String keyId, Outcome outcome) implements Ensure.Reported {}

    /** A key this application manages: how its successor is made, and how Confluent is asked whether a key works. */
    private record Managed(String keyName, String secretName, Function<StepContext, ApiKeys.Wanted> wanted,
                           BiConsumer<StepContext, ApiKeyCredentials> probe) {}

    private final EnvironmentSettings settings;
    private final SecretStore secrets;
    private final ApiKeys apiKeys;
    private final Endpoints endpoints;
    private final ConfluentCalls calls;
    private final EndpointClients clients;
    private final CheckTableflowApiKey tableflowCheck;
    private final CheckKafkaApiKey kafkaCheck;
    private final Readiness readiness;

    @SuppressWarnings("java:S107") // each managed key's check, and the shared services
    public RotateApiKey(EnvironmentSettings settings, SecretStore secrets, ApiKeys apiKeys, Endpoints endpoints, ConfluentCalls calls,
            EndpointClients clients, CheckTableflowApiKey tableflowCheck, CheckKafkaApiKey kafkaCheck, Readiness readiness) {
        this.settings = settings;
        this.secrets = secrets;
        this.apiKeys = apiKeys;
        this.endpoints = endpoints;
        this.calls = calls;
        this.clients = clients;
        this.tableflowCheck = tableflowCheck;
        this.kafkaCheck = kafkaCheck;
        this.readiness = readiness;
    }

    /** @param invokedFunctionArn this function's own ARN, as Lambda gives it: where the stack's secrets live */
    public Output run(Input input, String invokedFunctionArn) {
        StepContext request = new StepContext(STEP, "secret \"" + Rules.abbreviate(String.valueOf(input.secretId())) + "\"");
        String step = Rules.require(request, "Step", input.step(), ROTATION_STEP, "one of " + STEPS);
        String token = Rules.require(request, "ClientRequestToken", input.clientRequestToken(), Rules.CLIENT_REQUEST_TOKEN,
                "a secret version id");
        Managed managed = managed(request, ownSecretName(request, input.secretId(), invokedFunctionArn));
        StepContext context = new StepContext(STEP, "API key \"" + managed.keyName() + "\" (" + step + ", version " + token + ")");

        // The checks of AWS's rotation templates: rotation not turned off, and the token a version staged for this rotation.
        // Only an explicit false is refused, as those templates do: DescribeSecret leaves RotationEnabled out for a secret
        // never configured for rotation, which is what the set-up check of a new schedule (testSecret) runs on.
        SecretStore.Versions versions = secrets.versions(context, managed.secretName());
        if (Boolean.FALSE.equals(versions.rotationEnabled())) {
            throw new TerminalException(context, "rotation is not enabled for secret \"" + versions.name() + "\"");
        }
        List<String> stages = versions.stages(token);
        if (stages.contains(SecretStore.CURRENT) && !step.equals("finishSecret")) {
            return report(context, step, managed, null, Outcome.UNCHANGED); // this rotation already finished
        }
        if (!stages.contains(SecretStore.PENDING) && !stages.contains(SecretStore.CURRENT)) {
            throw new TerminalException(context, "the version is not staged AWSPENDING (its stages: " + stages + ")");
        }
        return switch (step) {
            case "createSecret" -> create(context, managed, token);
            // A Confluent API key is its own credential: Confluent generated it in createSecret and accepts it as soon as
            // it has propagated. Unlike a database password there is no service to push the new value to.
            case "setSecret" -> report(context, step, managed, null, Outcome.UNCHANGED);
            case "testSecret" -> test(context, managed, token);
            default -> finish(context, managed, token, versions);
        };
    }

    private Output create(StepContext context, Managed managed, String token) {
        ApiKeyCredentials current = secrets.read(context, managed.secretName()).orElseThrow(() -> new TerminalException(context,
                "the secret holds no key yet, so there is nothing to rotate: the key step stores the first one"));
        ApiKeys.Ensured pending = apiKeys.ensurePending(context, managed.wanted().apply(context), token, current);
        return new Output("createSecret", managed.secretName(), pending.keyId(), pending.outcome());
    }

    private Output test(StepContext context, Managed managed, String token) {
        // The pending key is not in use yet, so a refusal is propagation however old its version: Secrets Manager may
        // create the version when the rotation starts, and a failed rotation is retried with the same token.
        Optional<ApiKeyCredentials> pending = secrets.version(context, managed.secretName(), token, SecretStore.PENDING)
                .map(stored -> new ApiKeyCredentials(stored.key(), stored.secret()));
        // A version without a key is not a rotation's (createSecret always stores one first): it is Secrets Manager
        // checking the set-up on a copy of the current value when a schedule is configured, before any key step ran.
        // Secrets Manager runs each rotation step once and fails the rotation at the first error: nothing polls for it,
        // so testSecret waits for the new key itself, within the function's longer timeout.
        pending.ifPresent(key -> readiness.await(context, Instant.now(), PROPAGATION_BUDGET, () -> {
            managed.probe().accept(context, key);
            return key;
        }));
        return report(context, "testSecret", managed, pending.map(ApiKeyCredentials::key).orElse(null), Outcome.UNCHANGED);
    }

    private Output finish(StepContext context, Managed managed, String token, SecretStore.Versions versions) {
        String name = managed.secretName();
        Optional<String> current = versions.versionIn(SecretStore.CURRENT);
        Optional<String> previous = versions.versionIn(SecretStore.PREVIOUS);
        String newKey = pendingOrCurrent(context, managed, token, versions);
        Outcome outcome = Outcome.UNCHANGED;
        if (!current.equals(Optional.of(token))) {
            secrets.moveStage(context, name, SecretStore.CURRENT, token, current);
            previous = current; // Secrets Manager moved AWSPREVIOUS to the version AWSCURRENT left
            outcome = Outcome.UPDATED;
        }
        // Only now that the workflows read the new key may the old one go; after a crash here a rerun finds it again.
        Optional<ApiKeyCredentials> old = previous.flatMap(version -> secrets.version(context, name, version, SecretStore.PREVIOUS));
        if (old.isPresent() && !old.get().key().equals(newKey)) {
            apiKeys.delete(context, old.get().key());
        }
        if (versions.stages(token).contains(SecretStore.PENDING)) {
            // Secrets Manager accepts AWSPENDING on the current version or on none; none lets the next rotation start cleanly.
            secrets.removeStage(context, name, SecretStore.PENDING, token);
        }
        return report(context, "finishSecret", managed, newKey, outcome);
    }

    /** The key finishSecret makes current; a version without one is never promoted. */
    private String pendingOrCurrent(StepContext context, Managed managed, String token, SecretStore.Versions versions) {
        return versions.stages(token).contains(SecretStore.CURRENT)
                ? secrets.require(context, managed.secretName(), "createSecret").key()
                : secrets.version(context, managed.secretName(), token, SecretStore.PENDING)
                        .orElseThrow(() -> new TerminalException(context, "the version holds no key: createSecret stores it first")).key();
    }

    /**
     * The secret's name, once its ARN is known to be in this function's partition, account and region: the calls
     * below name the secret by that name, so an ARN of another account or region with one of our names would
     * otherwise rotate our secret. Secrets Manager always sends the ARN; a bare name is refused like any other id.
     */
    private static String ownSecretName(StepContext context, String secretId, String invokedFunctionArn) {
        String id = Rules.require(context, "SecretId", secretId, Pattern.compile("\\S{1,2048}"), "a secret ARN");
        Matcher function = FUNCTION_ARN.matcher(String.valueOf(invokedFunctionArn));
        if (!function.matches()) {
            throw new TerminalException(context, "this function's own ARN (" + Rules.abbreviate(String.valueOf(invokedFunctionArn))
                    + ") does not say its account and region, so no secret can be checked against them");
        }
        Matcher secret = SECRET_ARN.matcher(id);
        String partition = function.group(1);
        String region = function.group(2);
        String account = function.group(3);
        if (!secret.matches() || !secret.group(1).equals(partition) || !secret.group(2).equals(region) || !secret.group(3).equals(account)) {
            throw new InvalidInputException(context, "SecretId", "\"" + Rules.abbreviate(id) + "\" is not a secret of this stack: expected the ARN of"
                    + " one of its secrets, arn:" + partition + ":secretsmanager:" + region + ":" + account + ":secret:...");
        }
        return secret.group(4);
    }

    /** Only this application's own key secrets; the operator's Schema Registry key is never rotated here. */
    private Managed managed(StepContext context, String name) {
        if (name.equals(settings.tableflowApiKeySecret())) {
            return new Managed(settings.tableflowApiKeyName(), name, ignored -> EnsureTableflowApiKey.wanted(settings), tableflowCheck::probe);
        }
        if (name.equals(settings.kafkaApiKeySecret())) {
            return new Managed(settings.kafkaApiKeyName(), name, ignored -> EnsureKafkaApiKey.wanted(settings),
                    (c, key) -> kafkaCheck.probe(c, endpoints.kafkaRest(c, endpoints.kafkaCluster(c)), key));
        }
        if (settings.config().schemaRegistryApiKeySecret().isEmpty() && name.equals(settings.schemaRegistryApiKeySecret())) {
            return new Managed(settings.schemaRegistryApiKeyName(), name, c -> EnsureSchemaRegistryApiKey.wanted(settings, endpoints.schemaRegistry(c).clusterId()),
                    (c, key) -> calls.withKey(c, key, () -> clients.schemaRegistry(endpoints.schemaRegistry(c).endpoint()).subjects(key.basicAuthorization())));
        }
        throw new TerminalException(context, "not an API key secret this application manages; it rotates only "
                + settings.tableflowApiKeySecret() + ", " + settings.kafkaApiKeySecret()
                + (settings.config().schemaRegistryApiKeySecret().isEmpty() ? " and " + settings.schemaRegistryApiKeySecret() : ""));
    }

    private static Output report(StepContext context, String step, Managed managed, String keyId, Outcome outcome) {
        Ensure.report(context, step, outcome);
        return new Output(step, managed.secretName(), keyId, outcome);
    }
}
