package dev.tableflow.onboarding.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tableflow.onboarding.bench.TimeToTable;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.CloudHttp;
import dev.tableflow.onboarding.testbed.confluent.TimedReadiness;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A topic's onboarding with the pauses as deployed (the state machine's Retry intervals as written, the functions'
 * backoff unscaled) and Confluent's readiness by the clock: the team hears of the table within max(5 s, 5 %) of the
 * moment it is queryable, with a bounded number of polls. The other ITs cut every pause; this one is where waiting
 * is what is tested.
 */
class TimeToTableIT extends WorkflowTestBase {

    private static final Duration KEY_REFUSED = Duration.ofSeconds(3);
    private static final Duration UNTIL_RUNNING = Duration.ofSeconds(7);
    private static final Duration UNTIL_GLUE_TABLE = Duration.ofSeconds(3);

    /** Hides the base's: this bed's functions pause as deployed. */
    @BeforeAll
    static void startTestBed() {
        bed = TestBed.start(null, Map.of("RUNTIME_BACKOFF_SCALE", "1"));
        confluentHttp = new CloudHttp(bed.confluent);
    }

    @Test
    void theTeamHearsOfTheTableWithinFivePercentOrFiveSecondsOfItsReadiness() {
        resetAndBootstrap();
        bed.confluent.apiKeys().refusedFor(KEY_REFUSED);
        bed.confluent.tableflowTopics().readyAfter(topic -> Optional.of(new TimedReadiness.Delays(UNTIL_RUNNING, UNTIL_GLUE_TABLE)));
        bed.stepFunctions.retryIntervalMs(null).waitMs(null);
        ExecutionResult run;
        Instant requested = Instant.now();
        try {
            run = bed.onboard(OnboardingWorkflowIT.TOPIC2);
        } finally {
            bed.stepFunctions.retryIntervalMs(0L).waitMs(0L);
        }

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        TimeToTable measured = TimeToTable.of(bed, "topic2", requested, run);
        System.out.printf("time to table: %s after the request, floor %s, target %s, %d TableFlow polls, %d invocations, %d transitions%n",
                measured.elapsed(), measured.floor(), measured.target(), measured.tableflowPolls(), measured.invocations(), measured.transitions());
        assertThat(measured.floor()).as("the table cannot be announced before it exists")
                .isGreaterThan(UNTIL_RUNNING.plus(UNTIL_GLUE_TABLE));
        assertThat(measured.elapsed()).as("TopicOnboarded within the target of the table's readiness").isLessThanOrEqualTo(measured.target());
        // 7 s PENDING at one poll per 2 s, then RUNNING: at most 5 checks and EnsureTableflowTopic's look-up; the state
        // machine's old growing Retry needed fewer polls but answered up to 15 s late.
        assertThat(measured.tableflowPolls()).as("TableFlow polls").isBetween(2L, 6L);
        assertThat(run.retries("CheckTableflowTopic")).as("one invocation polls the whole 7 s").isZero();
        assertThat(run.retries("ConfirmGlueTable")).isZero();
        outcomes.addAll(bed.outcomeEvents());
        assertThat(outcomes).extracting(e -> e.path("detail-type").asText()).containsExactly("TopicOnboarded");
    }
}
