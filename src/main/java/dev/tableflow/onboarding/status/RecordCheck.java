package dev.tableflow.onboarding.status;

import dev.tableflow.onboarding.aws.TopicRegistry.Entry;
import dev.tableflow.onboarding.aws.TopicRegistry.State;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The record of managed topics held against what TableFlow materializes through this stack's provider integration:
 * each difference is a problem line. None of them is drift the bootstrap could repair; they say what the workflows
 * will and will not touch (an unrecorded topic is never disabled or deleted by this stack).
 */
final class RecordCheck {

    static final String NAME = "record of managed topics";

    private RecordCheck() {}

    /**
     * @param record      every recorded topic
     * @param tableflow   the cluster's TableFlow topics
     * @param providerId  this stack's provider integration
     */
    static List<Check> compare(List<Entry> record, List<TableflowTopic> tableflow, String providerId) {
        Set<String> ours = tableflow.stream()
                .filter(topic -> topic.spec().storage() != null && providerId.equals(topic.spec().storage().providerIntegrationId()))
                .map(topic -> topic.spec().displayName()).collect(Collectors.toSet());
        Map<String, Entry> recorded = record.stream().collect(Collectors.toMap(Entry::topic, entry -> entry));
        List<Check> problems = new ArrayList<>();
        record.forEach(entry -> {
            if (entry.state() == State.ONBOARDED && !ours.contains(entry.topic())) {
                problems.add(problem(entry.topic() + " is recorded ONBOARDED, but TableFlow does not materialize it through this stack's "
                        + "provider integration: onboard it again, or offboard it"));
            } else if (entry.state() == State.OFFBOARDED && ours.contains(entry.topic())) {
                problems.add(problem(entry.topic() + " is recorded OFFBOARDED, but TableFlow materializes it through this stack's "
                        + "provider integration: someone enabled it again; onboard it to manage it"));
            }
        });
        ours.stream().filter(topic -> !recorded.containsKey(topic)).sorted().forEach(topic -> problems.add(problem(topic
                + " is materialized through this stack's provider integration but not in its record: enabled outside this stack, "
                + "it is never disabled or deleted by it")));
        return problems.isEmpty() ? List.of(Check.ok(NAME, record.size() + " topics, all as TableFlow has them")) : problems;
    }

    private static Check problem(String detail) {
        return Check.problem(NAME, detail, Troubleshooting.MANAGED_TOPICS);
    }
}
