package dev.tableflow.onboarding.steps.onboarding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.confluent.ConfluentApiException;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.EndpointClients;
import dev.tableflow.onboarding.confluent.KafkaRestClient.Config;
import dev.tableflow.onboarding.confluent.KafkaRestClient;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.request.OnboardingRequest;
import dev.tableflow.onboarding.request.TopicRequest;
import dev.tableflow.onboarding.steps.Ensure.Action;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Endpoints;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.ManagedTopics;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Onboarding step 2: the Kafka topic, through Kafka REST v3. An existing topic is adopted; partitions grow when
 * more are asked for and never shrink; the asked-for configs are reconciled (others are left alone), validated by the
 * broker before anything irreversible. A new topic is created with its configs in one request, which the broker
 * refuses as a whole when a config is bad. The topic is recorded as this stack's before its first write
 * ({@link ManagedTopics#claim}), so a crash after the create leaves a topic offboarding may delete, and a topic whose
 * Glue table another onboarded topic has is refused.
 */
@ApplicationScoped
public class EnsureTopic {

    public static final String STEP = "EnsureTopic";
    private static final String CLEANUP_POLICY = "cleanup.policy";
    private static final String UPSERT = "UPSERT";

    /** {@code kafkaRestEndpoint} is refused when given (see {@link Endpoints}). */
    public record Input(JsonNode topic, String kafkaRestEndpoint, Boolean dryRun, Invocation invocation) implements Invocation.Carrier {}

    /** {@code plan} in a dry run, instead of an outcome; {@code partitions} is then the count after the planned change. */
    public record Output(String topicName, Integer partitions, Outcome outcome, @JsonInclude(JsonInclude.Include.NON_NULL) Ensure.Planned plan)
            implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final EndpointClients clients;
    private final Endpoints endpoints;
    private final ManagedTopics managed;
    private final TableflowClient tableflow;

    public EnsureTopic(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, EndpointClients clients, Endpoints endpoints,
            ManagedTopics managed, TableflowClient tableflow) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.clients = clients;
        this.endpoints = endpoints;
        this.managed = managed;
        this.tableflow = tableflow;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "topic " + (input.topic() == null ? "?" : Rules.abbreviate(input.topic().path("name").toString())));
        TopicRequest wanted = OnboardingRequest.topic(context, "topic", input.topic());
        // A workflow started without the intake must still refuse a bad schema before the topic exists.
        OnboardingRequest.requireValidInlineSchema(context, "topic", wanted);
        Rules.absent(context, "kafkaRestEndpoint", input.kafkaRestEndpoint(), "the Kafka key goes only to the deployment's endpoint or the one Confluent reports for the cluster");
        String endpoint = endpoints.kafkaRest(context);
        boolean dryRun = Boolean.TRUE.equals(input.dryRun());
        Optional<ApiKeyCredentials> stored = dryRun ? keys.kafkaIfStored(context) : Optional.of(keys.kafka(context));
        if (stored.isEmpty()) {
            managed.checkClaim(context, wanted.name());
            return new Output(wanted.name(), null, null, Ensure.plan(context, Action.UNKNOWN, "not looked up: Kafka REST answers only to a "
                    + "Kafka API key and the stack has none yet (" + EnsureKafkaApiKey.STEP + " would create it); the name is free in the stack's record"));
        }
        ApiKeyCredentials key = stored.get();
        String auth = key.basicAuthorization();
        String cluster = settings.config().kafkaClusterId();
        KafkaRestClient kafka = clients.kafkaRest(endpoint);

        // The stored key may be one a concurrent first onboarding created and stored after our CheckKafkaApiKey:
        // refused until it propagates, like any new key.
        Optional<KafkaRestClient.Topic> found = calls.withKey(context, key, () -> calls.find(context, () -> kafka.get(auth, cluster, wanted.name())));
        if (found.isPresent()) {
            keepTableflowTable(context, kafka, auth, cluster, wanted, found.get().partitionsCount());
        }
        if (dryRun) {
            managed.checkClaim(context, wanted.name());
        } else {
            managed.claim(context, wanted.name(), found.isPresent(), input.invocation());
        }
        if (found.isEmpty() && dryRun) {
            return new Output(wanted.name(), wanted.partitionsForNewTopic(), null, Ensure.plan(context, Action.CREATE,
                    wanted.partitionsForNewTopic() + " partition(s)" + (wanted.configs().isEmpty() ? "" : ", configs " + wanted.configs().keySet())));
        }
        if (found.isEmpty()) {
            Optional<KafkaRestClient.Topic> created = create(context, kafka, auth, cluster, wanted);
            if (created.isPresent()) {
                return new Output(wanted.name(), wanted.partitionsForNewTopic(), Ensure.report(context, wanted.name(), Outcome.CREATED).outcome(), null);
            }
            // Someone created it between our look-up and our create: adopt theirs like any existing topic.
            found = Optional.of(calls.read(context, () -> kafka.get(auth, cluster, wanted.name())));
        }
        int partitions = found.get().partitionsCount();
        if (wanted.partitions() != null && wanted.partitions() < partitions) {
            throw new TerminalException(context, "has " + partitions + " partitions and " + wanted.partitions()
                    + " were asked for; Kafka cannot remove partitions: ask for " + partitions + " or more");
        }
        // Partitions can never be removed, so the configs are validated (Kafka REST's validate_only: the broker checks
        // them and changes nothing) before the partitions grow: a config the broker refuses leaves the topic as it was.
        List<Config> differing = differingConfigs(context, kafka, auth, cluster, wanted);
        if (dryRun) {
            return new Output(wanted.name(), wanted.partitions() == null ? partitions : wanted.partitions(), null, plan(context, wanted, partitions, differing));
        }
        if (!differing.isEmpty()) {
            calls.read(context, () -> {
                kafka.alterConfigs(auth, cluster, wanted.name(), new KafkaRestClient.AlterConfigs(differing, true));
                return differing;
            });
        }
        boolean changed = false;
        if (wanted.partitions() != null && wanted.partitions() != partitions) {
            calls.write(context, () -> kafka.grow(auth, cluster, wanted.name(), new KafkaRestClient.PartitionsCount(wanted.partitions())));
            partitions = wanted.partitions();
            changed = true;
        }
        if (!differing.isEmpty()) {
            calls.write(context, () -> {
                kafka.alterConfigs(auth, cluster, wanted.name(), new KafkaRestClient.AlterConfigs(differing, null));
                return differing;
            });
            changed = true;
        }
        return new Output(wanted.name(), partitions, Ensure.report(context, wanted.name(), changed ? Outcome.UPDATED : Outcome.ADOPTED).outcome(), null);
    }

    /**
     * What the apply below would change. The broker's validate_only check of the configs is left to the apply, which
     * runs it before any change: Kafka REST takes it as an alter request, and a dry run sends none.
     */
    private static Ensure.Planned plan(StepContext context, TopicRequest wanted, int partitions, List<Config> differing) {
        List<String> changes = new ArrayList<>();
        if (wanted.partitions() != null && wanted.partitions() != partitions) {
            changes.add("partitions " + partitions + " -> " + wanted.partitions());
        }
        differing.forEach(config -> changes.add(config.name() + " -> " + Rules.abbreviate(config.value())));
        return changes.isEmpty()
                ? Ensure.plan(context, Action.ADOPT, "exists with " + partitions + " partition(s)" + (wanted.configs().isEmpty() ? "" : " and the asked-for configs"))
                : Ensure.plan(context, Action.UPDATE, String.join("; ", changes));
    }

    /**
     * Empty when the topic already existed: 400 with error_code 40002 and "already exists" in the message, since
     * Kafka REST uses 40002 for other invalid-topic errors too.
     */
    private Optional<KafkaRestClient.Topic> create(StepContext context, KafkaRestClient kafka, String auth, String cluster, TopicRequest wanted) {
        List<Config> configs = wanted.configs().entrySet().stream().map(c -> new Config(c.getKey(), c.getValue(), null)).toList();
        try {
            return Optional.of(calls.write(context, () -> kafka.create(auth, cluster,
                    new KafkaRestClient.CreateTopic(wanted.name(), wanted.partitionsForNewTopic(), configs))));
        } catch (TerminalException e) {
            if (e.getCause() instanceof ConfluentApiException api && String.valueOf(KafkaRestClient.TOPIC_EXISTS).equals(api.code())
                    && api.getMessage().contains("already exists")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * What a topic's table under TableFlow cannot survive, refused before anything is written. Its write mode (APPEND,
     * or UPSERT for a compacted topic) is fixed by cleanup.policy while TableFlow is enabled ("Write Modes with
     * Tableflow": disable it, change the config, enable it again, which makes a new table). And an UPSERT table is keyed
     * by "the Kafka message key and partition number": more partitions move keys to other partitions, and the table
     * would keep a row for a moved key under its old partition beside the new one.
     */
    private void keepTableflowTable(StepContext context, KafkaRestClient kafka, String auth, String cluster, TopicRequest wanted, int partitions) {
        String policy = wanted.configs().get(CLEANUP_POLICY);
        boolean policyChanges = policy != null
                && differingConfigs(context, kafka, auth, cluster, wanted).stream().anyMatch(c -> c.name().equals(CLEANUP_POLICY));
        boolean grows = wanted.partitions() != null && wanted.partitions() > partitions;
        if (!policyChanges && !grows) {
            return;
        }
        String tableflowAuth = keys.tableflow(context).basicAuthorization();
        calls.find(context, () -> tableflow.tableflowTopic(tableflowAuth, wanted.name(), settings.config().confluentEnvironmentId(), cluster))
                .ifPresent(enabled -> {
                    if (policyChanges) {
                        throw new InvalidInputException(context, "configs." + CLEANUP_POLICY, "TableFlow is enabled on the topic in "
                                + enabled.writeMode() + " write mode, which its cleanup.policy fixes while TableFlow is enabled; changing it to \""
                                + Rules.abbreviate(policy) + "\" takes an offboarding, the change, and a new onboarding (a new table)");
                    }
                    if (UPSERT.equals(enabled.writeMode())) {
                        throw new InvalidInputException(context, "partitions", "TableFlow materializes the topic in UPSERT write mode, whose "
                                + "table is keyed by message key and partition: growing it from " + partitions + " to " + wanted.partitions()
                                + " partitions would move keys and leave two rows for each moved key; keep " + partitions
                                + ", or offboard, grow the topic and onboard it again (a new table)");
                    }
                });
    }

    /** The asked-for configs whose value differs from the topic's; the others are left alone. */
    private List<Config> differingConfigs(StepContext context, KafkaRestClient kafka, String auth, String cluster, TopicRequest wanted) {
        if (wanted.configs().isEmpty()) {
            return List.of();
        }
        Map<String, String> current = calls.read(context, () -> kafka.configs(auth, cluster, wanted.name())).items().stream()
                .filter(c -> c.value() != null)
                .collect(Collectors.toMap(Config::name, Config::value, (a, b) -> a));
        return wanted.configs().entrySet().stream()
                .filter(c -> !Objects.equals(current.get(c.getKey()), c.getValue()))
                .map(c -> new Config(c.getKey(), c.getValue(), null))
                .toList();
    }
}
