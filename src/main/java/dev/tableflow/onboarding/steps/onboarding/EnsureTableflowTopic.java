package dev.tableflow.onboarding.steps.onboarding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.confluent.model.ObjectRef;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.request.OnboardingRequest;
import dev.tableflow.onboarding.request.TopicRequest;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.Integrations;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Onboarding step 4: TableFlow on the topic, writing to the environment's own bucket through the provider
 * integration (bring your own bucket). Storage is immutable, so a different bucket or integration is an error;
 * table formats, retention and error handling are reconciled.
 */
@ApplicationScoped
public class EnsureTableflowTopic {

    public static final String STEP = "EnsureTableflowTopic";

    public record Input(JsonNode topic, Boolean dryRun, Invocation invocation) implements Invocation.Carrier {}

    /** {@code plan} in a dry run, instead of an outcome. */
    public record Output(String topicName, String phase, Outcome outcome, @JsonInclude(JsonInclude.Include.NON_NULL) Ensure.Planned plan)
            implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;
    private final Integrations integrations;

    public EnsureTableflowTopic(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow,
            Integrations integrations) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
        this.integrations = integrations;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "TableFlow topic " + (input.topic() == null ? "?" : Rules.abbreviate(input.topic().path("name").toString())));
        TopicRequest wanted = OnboardingRequest.topic(context, "topic", input.topic());
        String auth = keys.tableflow(context).basicAuthorization();
        String environment = settings.config().confluentEnvironmentId();
        String cluster = settings.config().kafkaClusterId();
        TableflowTopic.Storage storage = TableflowTopic.Storage.byobAws(settings.config().bucketName(), providerIntegrationId(context, auth));
        TableflowTopic.Config config = new TableflowTopic.Config(wanted.retentionMs() == null ? null : wanted.retentionMs().toString(),
                new TableflowTopic.ErrorHandling(wanted.errorHandling()));

        Supplier<Optional<TableflowTopic>> lookup = () -> calls.find(context, () -> tableflow.tableflowTopic(auth, wanted.name(), environment, cluster));
        Function<TableflowTopic, Optional<String>> conflict = existing -> storageConflict(existing.spec().storage(), storage);
        if (Boolean.TRUE.equals(input.dryRun())) {
            return Ensure.wouldAdopt(context, lookup, conflict)
                    .map(existing -> plan(context, existing, changes(existing.spec(), wanted, config, environment, cluster)))
                    .orElseGet(() -> new Output(wanted.name(), null, null, Ensure.plan(context, Ensure.Action.CREATE,
                            "table formats " + wanted.tableFormats() + " in bucket " + storage.bucketName() + " through " + storage.providerIntegrationId())));
        }
        var ensured = Ensure.exists(context, lookup, conflict,
                () -> calls.writeNaming(context, "the Kafka topic " + wanted.name(), () -> tableflow.createTableflowTopic(auth, new TableflowTopic(
                        new TableflowTopic.Spec(wanted.name(), config, storage, wanted.tableFormats(), ObjectRef.of(environment),
                                ObjectRef.inEnvironment(cluster, environment), null), null))));
        TableflowTopic topic = ensured.resource();
        TableflowTopic.Update update = ensured.outcome() == Outcome.CREATED ? null : changes(topic.spec(), wanted, config, environment, cluster);
        if (update == null) {
            return new Output(wanted.name(), phase(topic), ensured.outcome(), null);
        }
        TableflowTopic updated = calls.write(context, () -> tableflow.updateTableflowTopic(auth, wanted.name(), new TableflowTopic.UpdateRequest(update)));
        return new Output(wanted.name(), phase(updated), Ensure.report(context, wanted.name(), Outcome.UPDATED).outcome(), null);
    }

    /** What the apply would do to an existing TableFlow topic: the fields {@link #changes} reconciles, from what to what. */
    private static Output plan(StepContext context, TableflowTopic existing, TableflowTopic.Update update) {
        String name = existing.spec().displayName();
        if (update == null) {
            return new Output(name, phase(existing), null, Ensure.plan(context, Ensure.Action.ADOPT, "enabled with the asked-for storage, formats and config"));
        }
        TableflowTopic.Config current = existing.spec().config();
        List<String> fields = new ArrayList<>();
        if (update.tableFormats() != null) {
            fields.add("table_formats " + existing.spec().tableFormats() + " -> " + update.tableFormats());
        }
        if (update.config() != null && update.config().retentionMs() != null) {
            fields.add("retention_ms " + (current == null ? null : current.retentionMs()) + " -> " + update.config().retentionMs());
        }
        if (update.config() != null && update.config().errorHandling() != null) {
            fields.add("error_handling " + (current == null || current.errorHandling() == null ? null : current.errorHandling().mode())
                    + " -> " + update.config().errorHandling().mode());
        }
        return new Output(name, phase(existing), null, Ensure.plan(context, Ensure.Action.UPDATE, String.join("; ", fields)));
    }

    private static Optional<String> storageConflict(TableflowTopic.Storage current, TableflowTopic.Storage wanted) {
        if (current != null && wanted.kind().equals(current.kind()) && wanted.bucketName().equals(current.bucketName())
                && wanted.providerIntegrationId().equals(current.providerIntegrationId())) {
            return Optional.empty();
        }
        return Optional.of("writes to " + describe(current) + ", not " + describe(wanted)
                + "; storage cannot change: disable TableFlow on the topic first to move it");
    }

    /** The TableFlow API accepts only resource keys, so the integration comes from the catalog integration, not pim/v1. */
    private String providerIntegrationId(StepContext context, String auth) {
        return integrations.catalog(context, auth).map(CatalogIntegration::providerIntegrationId)
                .orElseThrow(() -> new TerminalException(context, "catalog integration \"" + settings.catalogIntegrationName()
                        + "\" not found; run the bootstrap first"));
    }

    /** Only what differs, or null when nothing does. */
    private static TableflowTopic.Update changes(TableflowTopic.Spec current, TopicRequest wanted, TableflowTopic.Config config,
            String environment, String cluster) {
        boolean formats = current.tableFormats() == null || !new HashSet<>(current.tableFormats()).equals(new HashSet<>(wanted.tableFormats()));
        TableflowTopic.Config currentConfig = current.config();
        boolean retention = config.retentionMs() != null && (currentConfig == null || !config.retentionMs().equals(currentConfig.retentionMs()));
        boolean errorHandling = currentConfig == null || currentConfig.errorHandling() == null
                || !Objects.equals(currentConfig.errorHandling().mode(), wanted.errorHandling());
        if (!formats && !retention && !errorHandling) {
            return null;
        }
        TableflowTopic.Config configChange = retention || errorHandling
                ? new TableflowTopic.Config(retention ? config.retentionMs() : null, errorHandling ? config.errorHandling() : null)
                : null;
        return new TableflowTopic.Update(configChange, formats ? wanted.tableFormats() : null, ObjectRef.of(environment),
                ObjectRef.inEnvironment(cluster, environment));
    }

    private static String phase(TableflowTopic topic) {
        return topic.status() == null ? null : topic.status().phase();
    }

    private static String describe(TableflowTopic.Storage storage) {
        return storage == null ? "no storage" : storage.kind() + " bucket " + storage.bucketName() + " via " + storage.providerIntegrationId();
    }
}
