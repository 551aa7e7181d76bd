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
import dev.tableflow.onboarding.steps.ResourceOwnerBinding;
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
 * table formats, both retentions, the metadata column names and error handling (with LOG's dead-letter topic) are
 * reconciled: the contract marks none of them immutable.
 */
@ApplicationScoped
public class EnsureTableflowTopic {

    public static final String STEP = "EnsureTableflowTopic";

    public record Input(JsonNode topic, Boolean dryRun, Invocation invocation) implements Invocation.Carrier {}

    /** {@code plan} in a dry run, instead of an outcome and settings. */
    public record Output(String topicName, String phase, Outcome outcome, Settings settings,
            @JsonInclude(JsonInclude.Include.NON_NULL) Ensure.Planned plan) implements Ensure.Reported {}

    /**
     * The table's settings as TableFlow holds them after this step, for the topic's outcome; a setting Confluent's
     * answer leaves out is absent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(List<String> tableFormats, String errorHandling, String errorLogTopic, String retentionMs, String dataRetentionMs,
            String metadataColumnNamingScheme) {

        static Settings of(TableflowTopic topic) {
            TableflowTopic.Config config = topic.spec().config() == null ? new TableflowTopic.Config(null, null, null, null) : topic.spec().config();
            TableflowTopic.ErrorHandling errors = config.errorHandling();
            return new Settings(topic.spec().tableFormats(), errors == null ? null : errors.mode(), errors == null ? null : errors.deadLetterTopic(),
                    config.retentionMs(), config.dataRetentionMs(), config.metadataColumnNamingScheme());
        }
    }

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;
    private final Integrations integrations;
    private final ResourceOwnerBinding binding;

    public EnsureTableflowTopic(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow,
            Integrations integrations, ResourceOwnerBinding binding) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
        this.integrations = integrations;
        this.binding = binding;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "TableFlow topic " + (input.topic() == null ? "?" : Rules.abbreviate(input.topic().path("name").toString())));
        TopicRequest wanted = OnboardingRequest.topic(context, "topic", input.topic());
        String auth = keys.tableflow(context).basicAuthorization();
        String environment = settings.config().confluentEnvironmentId();
        String cluster = settings.config().kafkaClusterId();
        TableflowTopic.Storage storage = TableflowTopic.Storage.byobAws(settings.config().bucketName(), providerIntegrationId(context, auth));
        TableflowTopic.Config config = new TableflowTopic.Config(text(wanted.retentionMs()), text(wanted.dataRetentionMs()),
                new TableflowTopic.ErrorHandling(wanted.errorHandling(), wanted.errorLogTopic()), wanted.metadataColumnNamingScheme());

        Supplier<Optional<TableflowTopic>> lookup = () -> calls.find(context, () -> tableflow.tableflowTopic(auth, wanted.name(), environment, cluster));
        Function<TableflowTopic, Optional<String>> conflict = existing -> storageConflict(existing.spec().storage(), storage);
        if (Boolean.TRUE.equals(input.dryRun())) {
            return Ensure.wouldAdopt(context, lookup, conflict)
                    .map(existing -> plan(context, existing, changes(existing.spec(), wanted, config, environment, cluster)))
                    .orElseGet(() -> new Output(wanted.name(), null, null, null, Ensure.plan(context, Ensure.Action.CREATE,
                            "table formats " + wanted.tableFormats() + " in bucket " + storage.bucketName() + " through " + storage.providerIntegrationId())));
        }
        var ensured = Ensure.exists(context, lookup, conflict,
                // The bootstrap may have bound the service account to the integration a moment ago.
                () -> binding.whileNew(context, storage.providerIntegrationId(), () -> calls.writeNaming(context, "the Kafka topic " + wanted.name(),
                        () -> tableflow.createTableflowTopic(auth, new TableflowTopic(new TableflowTopic.Spec(wanted.name(), config, storage,
                                wanted.tableFormats(), ObjectRef.of(environment), ObjectRef.inEnvironment(cluster, environment), null), null)))));
        TableflowTopic topic = ensured.resource();
        TableflowTopic.Update update = ensured.outcome() == Outcome.CREATED ? null : changes(topic.spec(), wanted, config, environment, cluster);
        if (update == null) {
            return new Output(wanted.name(), phase(topic), ensured.outcome(), Settings.of(topic), null);
        }
        TableflowTopic updated = calls.write(context, () -> tableflow.updateTableflowTopic(auth, wanted.name(), new TableflowTopic.UpdateRequest(update)));
        return new Output(wanted.name(), phase(updated), Ensure.report(context, wanted.name(), Outcome.UPDATED).outcome(), Settings.of(updated), null);
    }

    /** What the apply would do to an existing TableFlow topic: the fields {@link #changes} reconciles, from what to what. */
    private static Output plan(StepContext context, TableflowTopic existing, TableflowTopic.Update update) {
        String name = existing.spec().displayName();
        if (update == null) {
            return new Output(name, phase(existing), null, null,
                    Ensure.plan(context, Ensure.Action.ADOPT, "enabled with the asked-for storage, formats and config"));
        }
        Settings current = Settings.of(existing);
        TableflowTopic.Config wanted = update.config();
        List<String> fields = new ArrayList<>();
        if (update.tableFormats() != null) {
            fields.add("table_formats " + current.tableFormats() + " -> " + update.tableFormats());
        }
        if (wanted != null) {
            change(fields, "retention_ms", current.retentionMs(), wanted.retentionMs());
            change(fields, "data_retention_ms", current.dataRetentionMs(), wanted.dataRetentionMs());
            change(fields, "metadata_column_naming_scheme", current.metadataColumnNamingScheme(), wanted.metadataColumnNamingScheme());
            if (wanted.errorHandling() != null) {
                change(fields, "error_handling", current.errorHandling(), wanted.errorHandling().mode());
                change(fields, "error_handling.log_target", current.errorLogTopic(), wanted.errorHandling().deadLetterTopic());
            }
        }
        return new Output(name, phase(existing), null, null, Ensure.plan(context, Ensure.Action.UPDATE, String.join("; ", fields)));
    }

    private static void change(List<String> fields, String field, String from, String to) {
        if (to != null) {
            fields.add(field + " " + from + " -> " + to);
        }
    }

    private static String text(Long milliseconds) {
        return milliseconds == null ? null : milliseconds.toString();
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

    /** Only what differs, or null when nothing does; a setting the request leaves out keeps what the topic has. */
    private static TableflowTopic.Update changes(TableflowTopic.Spec current, TopicRequest wanted, TableflowTopic.Config config,
            String environment, String cluster) {
        boolean formats = current.tableFormats() == null || !new HashSet<>(current.tableFormats()).equals(new HashSet<>(wanted.tableFormats()));
        TableflowTopic.Config has = current.config() == null ? new TableflowTopic.Config(null, null, null, null) : current.config();
        String retention = differing(config.retentionMs(), has.retentionMs());
        String dataRetention = differing(config.dataRetentionMs(), has.dataRetentionMs());
        String naming = differing(config.metadataColumnNamingScheme(), has.metadataColumnNamingScheme());
        boolean errorHandling = has.errorHandling() == null || !Objects.equals(has.errorHandling().mode(), wanted.errorHandling())
                || !Objects.equals(has.errorHandling().deadLetterTopic(), config.errorHandling().deadLetterTopic());
        if (!formats && retention == null && dataRetention == null && naming == null && !errorHandling) {
            return null;
        }
        TableflowTopic.Config configChange = retention != null || dataRetention != null || naming != null || errorHandling
                ? new TableflowTopic.Config(retention, dataRetention, errorHandling ? config.errorHandling() : null, naming)
                : null;
        return new TableflowTopic.Update(configChange, formats ? wanted.tableFormats() : null, ObjectRef.of(environment),
                ObjectRef.inEnvironment(cluster, environment));
    }

    /** The wanted value when the request sets it and the topic has another, else null (nothing to send). */
    private static String differing(String wanted, String current) {
        return wanted != null && !wanted.equals(current) ? wanted : null;
    }

    private static String phase(TableflowTopic topic) {
        return topic.status() == null ? null : topic.status().phase();
    }

    private static String describe(TableflowTopic.Storage storage) {
        return storage == null ? "no storage" : storage.kind() + " bucket " + storage.bucketName() + " via " + storage.providerIntegrationId();
    }
}
