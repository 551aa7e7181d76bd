package dev.tableflow.onboarding.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.CloudHttp;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test bed per test class, and the two checks every end-to-end test ends with: the Confluent test server saw
 * no contract violation, and no secret reached anything observable (function logs, state payloads, errors, the
 * outcome events the test read).
 */
public abstract class WorkflowTestBase {

    public static final String TERMINAL = "dev.tableflow.onboarding.errors.TerminalException";
    public static final String NOT_READY = "dev.tableflow.onboarding.errors.NotReadyException";
    protected static TestBed bed;
    protected static CloudHttp confluentHttp;
    /** Outcome events a test has drained from the bus; they are part of what the secret check reads. */
    protected final List<JsonNode> outcomes = new ArrayList<>();

    @BeforeAll
    static void startTestBed() {
        bed = TestBed.start(null);
        confluentHttp = new CloudHttp(bed.confluent);
    }

    @AfterAll
    static void stopTestBed() {
        if (bed != null) {
            bed.close();
        }
    }

    @AfterEach
    protected void contractHeldAndNoSecretLeaked() {
        bed.confluent.assertNoContractViolations();
        outcomes.addAll(bed.outcomeEvents());
        bed.assertNoSecretObservable(outcomes, getClass().getSimpleName());
    }

    /** Where most end-to-end tests start: a fresh account, bootstrapped. */
    protected static void resetAndBootstrap() {
        bed.reset();
        ExecutionResult bootstrap = bed.bootstrap();
        assertThat(bootstrap.status()).as(bootstrap.cause()).isEqualTo("SUCCEEDED");
    }

    protected static JsonNode single(List<JsonNode> nodes) {
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }
}
