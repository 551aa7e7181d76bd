package dev.tableflow.onboarding.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the process runs, as opposed to what it works on ({@link TableflowConfig}): set by the package's
 * application.properties and by the test harnesses, never by the stack.
 */
@ConfigMapping(prefix = "runtime")
public interface RuntimeConfig {

    /** One JSON object per log line (observability/JsonLogs): on in the package, off in dev and test. */
    @WithDefault("false")
    boolean jsonLogs();

    /**
     * SnapStart priming at start-up instead of before a snapshot, to check and measure it where no CRaC runtime is
     * (the end-to-end test and bench/run.sh set it; a deployment never does).
     */
    @WithDefault("false")
    boolean primeAtStartup();

    /**
     * Multiplies the pause before a call is repeated in process (http/Backoff), and the readiness checks' gaps and
     * time per invocation (steps/Readiness). The test bed sets 0, as it cuts the state machines' Retry intervals: its
     * tests are about what is repeated, not how long it waits (TimeToTableIT and the tabletime bench set 1); a
     * deployment never sets it. A {@code Retry-After} is always honoured as sent.
     */
    @WithDefault("1")
    double backoffScale();

    /**
     * How long after its secret was stored a key that Confluent refuses counts as still propagating
     * (confluent/ConfluentCalls.withKey). The workflows' retry delays for a new key add up to about 10 minutes (two
     * steps of about 5 in an onboarding); the rest leaves room for the attempts' own time. A deployment never sets it;
     * a test sets 0 to see a revoked key refused.
     */
    @WithDefault("PT20M")
    Duration newKeyWindow();
}
