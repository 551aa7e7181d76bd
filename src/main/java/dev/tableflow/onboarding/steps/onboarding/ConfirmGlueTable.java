package dev.tableflow.onboarding.steps.onboarding;

import dev.tableflow.onboarding.aws.AwsCalls;
import dev.tableflow.onboarding.aws.GlueCatalog;
import dev.tableflow.onboarding.aws.TopicRegistry.State;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.ManagedTopics;
import dev.tableflow.onboarding.steps.Readiness;
import dev.tableflow.onboarding.validation.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Onboarding step 5: the table is queryable, seen from AWS's side. TableFlow registers each topic in the Glue
 * database of the catalog integration (GlueDatabaseName, else named after the Kafka cluster id), as a table named after the topic (Glue keeps names lower-case), whose
 * location is the TableFlow topic's table path in this stack's bucket: a table of the right name elsewhere is not ours.
 * Once it is there, the stack's record says the topic is onboarded.
 */
@ApplicationScoped
public class ConfirmGlueTable {

    public static final String STEP = "ConfirmGlueTable";

    /**
     * @param tablePath    the TableFlow topic's storage path, as CheckTableflowTopic read it
     * @param waitingSince when the state machine entered this state, which spaces the polls (see {@link Readiness})
     */
    public record Input(String topicName, String tablePath, String waitingSince, Invocation invocation) implements Invocation.Carrier {}

    public record Output(String database, String table, String location) {}

    private final EnvironmentSettings settings;
    private final GlueCatalog glue;
    private final ManagedTopics managed;
    private final Readiness readiness;

    public ConfirmGlueTable(EnvironmentSettings settings, GlueCatalog glue, ManagedTopics managed, Readiness readiness) {
        this.settings = settings;
        this.glue = glue;
        this.managed = managed;
        this.readiness = readiness;
    }

    public Output run(Input input) {
        String database = settings.glueDatabase();
        StepContext context = new StepContext(STEP, "Glue table " + database + "." + Rules.abbreviate(String.valueOf(input.topicName())));
        String table = Rules.require(context, "topicName", input.topicName(), Rules.TOPIC_NAME, "a Kafka topic name").toLowerCase(Locale.ROOT);
        String bucket = "s3://" + settings.config().bucketName() + "/";
        String tablePath = Rules.require(context, "tablePath", input.tablePath(), Rules.S3_LOCATION, "an s3:// location");
        if (!tablePath.startsWith(bucket)) {
            throw new TerminalException(context, "TableFlow stores the topic at " + Rules.abbreviate(tablePath) + ", outside this stack's bucket " + bucket);
        }
        // Confluent does not say the table is in Glue once the sync reports SYNCED, so it may not be yet.
        GlueCatalog.Table found = readiness.await(context, readiness.since(context, input.waitingSince()),
                () -> AwsCalls.call(context, () -> glue.table(database, table))
                        .orElseThrow(() -> new NotReadyException(context, "not in the Glue Data Catalog yet")));
        // Glue keeps one table per lower-cased name: a table of that name may be another topic's ("Orders" for
        // "orders"), or a hand-made one. Only a table whose data is this topic's TableFlow path is ours.
        String base = tablePath.endsWith("/") ? tablePath : tablePath + "/";
        if (found.location() == null || !(found.location().equals(tablePath) || found.location().startsWith(base))) {
            throw new TerminalException(context, "the Glue table " + database + "." + found.name() + " is at "
                    + (found.location() == null ? "no location" : Rules.abbreviate(found.location())) + ", not at this topic's TableFlow path "
                    + Rules.abbreviate(tablePath) + ": it is another topic's or someone else's table of the same lower-cased name");
        }
        // EnsureTopic recorded it; a direct invocation for a topic never onboarded only reads.
        managed.find(context, input.topicName()).ifPresent(entry -> managed.mark(context, entry, State.ONBOARDED, input.invocation()));
        return new Output(database, found.name(), found.location());
    }
}
