package dev.tableflow.onboarding.steps.onboarding;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.StoredKeys;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Onboarding readiness check: the TableFlow topic is RUNNING and its AWS Glue catalog sync is SYNCED. FAILED,
 * a failing table format or a failed sync ends the topic's run with Confluent's message; anything else is
 * "not yet" and the state machine polls by retrying, bounded.
 */
@ApplicationScoped
public class CheckTableflowTopic {

    public static final String STEP = "CheckTableflowTopic";

    public record Input(String topicName, Invocation invocation) implements Invocation.Carrier {}

    /** @param tablePath where TableFlow stores the table (spec.storage.table_path), which ConfirmGlueTable checks Glue against */
    public record Output(String topicName, String phase, String glueSyncStatus, String tablePath) {}

    private final EnvironmentSettings settings;
    private final StoredKeys keys;
    private final ConfluentCalls calls;
    private final TableflowClient tableflow;

    public CheckTableflowTopic(EnvironmentSettings settings, StoredKeys keys, ConfluentCalls calls, TableflowClient tableflow) {
        this.settings = settings;
        this.keys = keys;
        this.calls = calls;
        this.tableflow = tableflow;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "TableFlow topic " + input.topicName());
        String name = Rules.require(context, "topicName", input.topicName(), Rules.TOPIC_NAME, "a Kafka topic name");
        String auth = keys.tableflow(context).basicAuthorization();
        TableflowTopic topic = calls.read(context, () -> tableflow.tableflowTopic(auth, name,
                settings.config().confluentEnvironmentId(), settings.config().kafkaClusterId()));
        TableflowTopic.Status status = topic.status() == null ? new TableflowTopic.Status(null, null, null, null) : topic.status();

        if (TableflowTopic.FAILED.equals(status.phase())) {
            throw new TerminalException(context, "phase FAILED: " + Optional.ofNullable(status.errorMessage()).orElse("Confluent gave no error message"));
        }
        List<TableflowTopic.FailingFormat> failing = Optional.ofNullable(status.failingTableFormats()).orElse(List.of());
        if (!failing.isEmpty()) {
            throw new TerminalException(context, "failing table formats: "
                    + String.join("; ", failing.stream().map(f -> f.format() + ": " + f.errorMessage()).toList()));
        }
        Optional<TableflowTopic.CatalogSync> glue = Optional.ofNullable(status.catalogSyncStatuses()).orElse(List.of()).stream()
                .filter(sync -> TableflowTopic.AWS_GLUE.equals(sync.catalogType())).findFirst();
        String sync = glue.map(TableflowTopic.CatalogSync::syncStatus).orElse("not started");
        if (glue.isPresent() && TableflowTopic.FAILED.equals(sync)) {
            throw new TerminalException(context, "AWS Glue catalog sync FAILED: " + Optional.ofNullable(glue.get().errorMessage()).orElse("no message"));
        }
        if (!TableflowTopic.RUNNING.equals(status.phase()) || !TableflowTopic.SYNCED.equals(sync)) {
            throw new NotReadyException(context, "phase " + status.phase() + ", AWS Glue sync " + sync + "; waiting for RUNNING and SYNCED");
        }
        return new Output(name, status.phase(), sync, topic.spec() == null || topic.spec().storage() == null ? null : topic.spec().storage().tablePath());
    }
}
