package dev.tableflow.onboarding.steps.onboarding;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Readiness;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Onboarding readiness check: the TableFlow topic is RUNNING and its AWS Glue catalog sync is SYNCED. FAILED,
 * a suspended topic, a failing table format or a failed sync ends the topic's run with Confluent's message; anything
 * else (the topic PENDING, its sync PENDING, or a status Confluent adds later) is "not yet": the step polls in process
 * ({@link Readiness}) and the state machine invokes it again, bounded.
 */
@ApplicationScoped
public class CheckTableflowTopic {

    public static final String STEP = "CheckTableflowTopic";

    /** @param waitingSince when the state machine entered this state, which spaces the polls (see {@link Readiness}) */
    public record Input(String topicName, String waitingSince, Invocation invocation) implements Invocation.Carrier {}

    /**
     * @param tablePath where TableFlow stores the table (spec.storage.table_path), which ConfirmGlueTable checks Glue against
     * @param writeMode APPEND or UPSERT, as the topic's cleanup.policy fixed it when TableFlow was enabled
     */
    public record Output(String topicName, String phase, String glueSyncStatus, String tablePath, String writeMode) {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;
    private final Readiness readiness;

    public CheckTableflowTopic(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow,
            Readiness readiness) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
        this.readiness = readiness;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "TableFlow topic " + Rules.abbreviate(String.valueOf(input.topicName())));
        String name = Rules.require(context, "topicName", input.topicName(), Rules.TOPIC_NAME, "a Kafka topic name");
        String auth = keys.tableflow(context).basicAuthorization();
        return readiness.await(context, readiness.since(context, input.waitingSince()), () -> check(context, name, auth));
    }

    private Output check(StepContext context, String name, String auth) {
        TableflowTopic topic = calls.read(context, () -> tableflow.tableflowTopic(auth, name,
                settings.config().confluentEnvironmentId(), settings.config().kafkaClusterId()));
        TableflowTopic.Status status = topic.status() == null ? TableflowTopic.Status.NONE : topic.status();

        if (TableflowTopic.FAILED.equals(status.phase())) {
            throw new TerminalException(context, "phase FAILED: " + Optional.ofNullable(status.errorMessage()).orElse("Confluent gave no error message"));
        }
        // TableFlow pauses a topic on a record it cannot convert (SUSPEND mode) and on catalog or storage access errors
        // and invalid schema changes in any mode; it stays paused until resumed, so waiting would only delay the failure.
        if (topic.isSuspended()) {
            throw new TerminalException(context, suspended(status.errorMessage()));
        }
        List<TableflowTopic.FailingFormat> failing = Optional.ofNullable(status.failingTableFormats()).orElse(List.of());
        if (!failing.isEmpty()) {
            throw new TerminalException(context, "failing table formats: "
                    + String.join("; ", failing.stream().map(f -> f.format() + ": " + f.errorMessage()).toList()));
        }
        Optional<TableflowTopic.CatalogSync> glue = Optional.ofNullable(status.catalogSyncStatuses()).orElse(List.of()).stream()
                .filter(sync -> TableflowTopic.AWS_GLUE.equals(sync.catalogType())).findFirst();
        String sync = glue.map(TableflowTopic.CatalogSync::syncStatus).orElse("not started");
        TableflowTopic.CatalogSync.Meaning meaning = TableflowTopic.CatalogSync.meaning(glue.map(TableflowTopic.CatalogSync::syncStatus).orElse(null));
        if (meaning == TableflowTopic.CatalogSync.Meaning.FAILED) {
            throw new TerminalException(context, "AWS Glue catalog sync FAILED: " + Optional.ofNullable(glue.get().errorMessage()).orElse("no message"));
        }
        if (meaning == TableflowTopic.CatalogSync.Meaning.DISCONNECTED) {
            failedCatalog(context, auth, glue.get().catalogIntegrationId());
        }
        if (!TableflowTopic.RUNNING.equals(status.phase()) || meaning != TableflowTopic.CatalogSync.Meaning.SYNCED) {
            throw new NotReadyException(context, "phase " + status.phase() + ", AWS Glue sync " + sync + "; waiting for RUNNING and SYNCED");
        }
        return new Output(name, status.phase(), sync, topic.spec() == null || topic.spec().storage() == null ? null : topic.spec().storage().tablePath(),
                status.writeMode());
    }

    /** Confluent's cause and the way out, for the failure and for the status report alike. */
    public static String suspended(String cause) {
        return "suspended by TableFlow: " + Optional.ofNullable(cause).orElse("Confluent gave no error message")
                + "; fix the cause, then send TopicResumeRequested";
    }

    /**
     * DISCONNECTED: the catalog integration is not connected. A fresh environment's integration connects with its first
     * topic (Confluent syncs catalogs only once a topic is materialized), so this is where a broken one shows: FAILED ends
     * the topic with Confluent's message rather than after the check's whole wait.
     */
    private void failedCatalog(StepContext context, String auth, String catalogIntegrationId) {
        if (catalogIntegrationId == null || catalogIntegrationId.isBlank()) {
            return;
        }
        CatalogIntegration catalog = calls.read(context, () -> tableflow.catalogIntegration(auth, catalogIntegrationId,
                settings.config().confluentEnvironmentId(), settings.config().kafkaClusterId()));
        if (CatalogIntegration.FAILED.equals(catalog.phase())) {
            throw new TerminalException(context, "AWS Glue catalog integration " + catalogIntegrationId + " FAILED: "
                    + Optional.ofNullable(catalog.status().errorMessage()).orElse("Confluent gave no error message")
                    + "; fix it (see the runbook's Catalog Access Issues), then re-run the bootstrap");
        }
    }
}
