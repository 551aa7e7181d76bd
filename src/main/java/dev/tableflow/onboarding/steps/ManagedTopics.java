package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.aws.AwsCalls;
import dev.tableflow.onboarding.aws.TopicRegistry;
import dev.tableflow.onboarding.aws.TopicRegistry.Entry;
import dev.tableflow.onboarding.aws.TopicRegistry.Origin;
import dev.tableflow.onboarding.aws.TopicRegistry.State;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The trust boundary of every step that disables or deletes: only what the stack's record ({@link TopicRegistry})
 * says it manages. Onboarding records a topic before its first write; offboarding, teardown and the status report
 * read the record; anything outside it is refused, naming the topic and why, before anything is written.
 */
@ApplicationScoped
public class ManagedTopics {

    private final EnvironmentSettings settings;
    private final TopicRegistry registry;

    public ManagedTopics(EnvironmentSettings settings, TopicRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    /** The record of exactly this topic (a topic differing only in case holds the same table, but is another topic). */
    public Optional<Entry> find(StepContext context, String topic) {
        String table = settings.topicsTable(context);
        return AwsCalls.call(context, () -> registry.find(table, topic)).filter(entry -> entry.topic().equals(topic));
    }

    public List<Entry> all(StepContext context) {
        String table = settings.topicsTable(context);
        return AwsCalls.call(context, () -> registry.all(table));
    }

    /** The topic's record, or the refusal of a topic this stack never onboarded (another team's, say). */
    public Entry require(StepContext context, String topic) {
        return find(context, topic).orElseThrow(() -> new InvalidInputException(context, "topic", "'" + topic
                + "' is not a topic this stack onboarded (no record of it in " + settings.topicsTable(context)
                + "); it may be another team's, and is left alone"));
    }

    /**
     * The topic's record when the stack may delete its data ({@code field} asks to): a topic that existed before this
     * stack onboarded it is someone else's data, of which the stack manages only the TableFlow materialization.
     */
    public Entry requireDataOwned(StepContext context, String topic, String field) {
        Entry entry = require(context, topic);
        if (entry.origin() == Origin.EXISTING) {
            throw new InvalidInputException(context, field, "topic '" + topic + "' existed before this stack onboarded it: this stack "
                    + "manages only its TableFlow, never its data; its owner deletes it");
        }
        return entry;
    }

    /**
     * Records the topic as being onboarded, before the first write that could create or change it: a new record says
     * whether the Kafka topic {@code exists} already; an existing one is kept as it is (no write) unless the topic was
     * offboarded. Refuses a topic whose Glue table another recorded topic holds.
     */
    public Entry claim(StepContext context, String topic, boolean exists, Invocation invocation) {
        String table = settings.topicsTable(context);
        Optional<Entry> held = AwsCalls.call(context, () -> registry.find(table, topic));
        if (held.isPresent() && held.get().topic().equals(topic) && held.get().state() != State.OFFBOARDED) {
            return held.get();
        }
        Origin origin = held.filter(entry -> entry.topic().equals(topic)).map(Entry::origin).orElse(exists ? Origin.EXISTING : Origin.CREATED);
        Optional<Entry> holder = held.filter(entry -> !entry.topic().equals(topic))
                .or(() -> AwsCalls.call(context, () -> registry.record(table, topic, State.ONBOARDING, origin, execution(invocation), Instant.now())));
        holder.ifPresent(other -> refuseCollision(context, topic, other));
        return AwsCalls.call(context, () -> registry.find(table, topic)).orElseThrow();
    }

    /**
     * A dry run's {@link #claim}: the same refusal of a topic whose Glue table another recorded topic holds, writing
     * nothing. The record of the topic itself, when there is one.
     */
    public Optional<Entry> checkClaim(StepContext context, String topic) {
        String table = settings.topicsTable(context);
        Optional<Entry> held = AwsCalls.call(context, () -> registry.find(table, topic));
        held.filter(entry -> !entry.topic().equals(topic)).ifPresent(other -> refuseCollision(context, topic, other));
        return held;
    }

    private static void refuseCollision(StepContext context, String topic, Entry other) {
        throw new InvalidInputException(context, "name", "'" + topic + "' would materialize as Glue table '" + other.table()
                + "', which topic '" + other.topic() + "' already has (Glue keeps table names in lower case)");
    }

    /** Moves a recorded topic to {@code state}; writes nothing when it is there already (a re-run). */
    public void mark(StepContext context, Entry entry, State state, Invocation invocation) {
        if (entry.state() != state) {
            String table = settings.topicsTable(context);
            AwsCalls.call(context, () -> registry.record(table, entry.topic(), state, entry.origin(), execution(invocation), Instant.now()));
        }
    }

    /**
     * Records the topics found materialized through this stack's integration and bucket that the record lacks, once:
     * the first bootstrap of a stack upgraded from a version without the record. Afterwards (a marker says so) nothing
     * is adopted any more, so a topic someone else enables through the integration never enters the record silently.
     * A run that stops half-way leaves no marker, and the next one adopts the rest.
     *
     * @param found lists the candidates; not called once the adoption is done
     * @return the topics adopted
     */
    public List<String> adoptOnce(StepContext context, Supplier<List<String>> found, Invocation invocation) {
        String table = settings.topicsTable(context);
        if (AwsCalls.call(context, () -> registry.adoptionDone(table))) {
            return List.of();
        }
        List<String> adopted = found.get().stream()
                .filter(topic -> AwsCalls.call(context, () -> registry.find(table, topic)).isEmpty())
                .filter(topic -> AwsCalls.call(context, () -> registry.record(table, topic, State.ONBOARDED, Origin.UPGRADED,
                        execution(invocation), Instant.now())).isEmpty())
                .toList();
        AwsCalls.call(context, () -> {
            registry.markAdoptionDone(table, execution(invocation), Instant.now());
            return null;
        });
        return adopted;
    }

    private static String execution(Invocation invocation) {
        return invocation != null && invocation.executionId() != null ? invocation.executionId() : "direct invocation";
    }
}
