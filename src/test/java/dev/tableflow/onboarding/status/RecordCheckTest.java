package dev.tableflow.onboarding.status;

import dev.tableflow.onboarding.aws.TopicRegistry.Entry;
import dev.tableflow.onboarding.aws.TopicRegistry.Origin;
import dev.tableflow.onboarding.aws.TopicRegistry.State;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The record held against what TableFlow materializes through this stack's provider integration. */
class RecordCheckTest {

    private static final String OURS = "cspi-ours";

    @Test
    void aRecordThatMatchesTableflowIsOneOkLine() {
        List<Check> checks = RecordCheck.compare(List.of(entry("orders", State.ONBOARDED), entry("gone", State.OFFBOARDED)),
                List.of(topic("orders", OURS), topic("other-team", null)), OURS);

        assertThat(checks).containsExactly(Check.ok(RecordCheck.NAME, "2 topics, all as TableFlow has them"));
    }

    @Test
    void eachMismatchIsAProblemNamingTheTopic() {
        List<Check> checks = RecordCheck.compare(
                List.of(entry("orders", State.ONBOARDED), entry("gone", State.OFFBOARDED), entry("starting", State.ONBOARDING)),
                List.of(topic("gone", OURS), topic("side-door", OURS), topic("elsewhere", "cspi-another-stack")), OURS);

        assertThat(checks).allSatisfy(check -> {
            assertThat(check.ok()).isFalse();
            assertThat(check.troubleshooting()).isEqualTo("Record of Managed Topics");
        }).extracting(Check::detail).satisfiesExactly(
                detail -> assertThat(detail).startsWith("orders is recorded ONBOARDED, but TableFlow does not materialize it"),
                detail -> assertThat(detail).startsWith("gone is recorded OFFBOARDED, but TableFlow materializes it"),
                detail -> assertThat(detail).startsWith("side-door is materialized through this stack's provider integration but not in its record"));
    }

    private static Entry entry(String topic, State state) {
        return new Entry(topic, topic, state, Origin.CREATED, "exec", "2026-12-07T10:00:00Z", "2026-12-07T10:00:00Z");
    }

    private static TableflowTopic topic(String name, String providerIntegrationId) {
        TableflowTopic.Storage storage = providerIntegrationId == null ? new TableflowTopic.Storage("Managed", null, null, null)
                : TableflowTopic.Storage.byobAws("bucket", providerIntegrationId);
        return new TableflowTopic(new TableflowTopic.Spec(name, null, storage, List.of("ICEBERG"), null, null, null), null);
    }
}
