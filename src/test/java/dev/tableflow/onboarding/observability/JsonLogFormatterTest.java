package dev.tableflow.onboarding.observability;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.MDC;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions' log lines are JBoss LogManager's JSON records (README, "Observability"): the formatter that
 * writes them with Jackson must write what JBoss' own {@link JsonFormatter} writes, byte for byte, whatever the record
 * carries.
 */
class JsonLogFormatterTest {

    private final JsonFormatter jboss = new JsonFormatter();
    private final JsonLogFormatter ours = new JsonLogFormatter();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aPlainRecordIsWrittenAsJbossWritesIt() {
        assertSame(record(Level.INFO, "EnsureTopic: orders: CREATED", "dev.tableflow.onboarding.steps.Ensure"));
    }

    @Test
    void theMdcAndAFormattedMessageAreWrittenAsJbossWritesThem() {
        MDC.put("executionId", "arn:aws:states:eu-west-1:123456789012:execution:onboarding:run-1");
        MDC.put("step", "EnsureTopic");
        MDC.put("retryCount", "2");
        ExtLogRecord record = new ExtLogRecord(Level.WARN, "%s: %s failed after %d attempts", ExtLogRecord.FormatStyle.PRINTF,
                "org.jboss.logging.Logger");
        record.setParameters(new Object[] {"EnsureTopic", "orders", 3});
        record.setLoggerName("dev.tableflow.onboarding.observability.StepObserver");
        record.copyMdc();
        assertSame(record);
    }

    @Test
    void charactersJsonMustEscapeAreEscapedAsJbossEscapesThem() {
        assertSame(record(Level.ERROR, "quote \" backslash \\ tab \t newline \n control \u0001 unicode é ✓ \u2028", "x"));
    }

    @Test
    void anExceptionWithCausesAndSuppressedOnesIsWrittenAsJbossWritesIt() {
        IllegalStateException thrown = new IllegalStateException("409 Conflict: topic exists",
                new UncheckedIOException(new IOException("connection reset")));
        thrown.addSuppressed(new RuntimeException((String) null));
        // A native method's frame has no line (-2), an unknown one -1.
        thrown.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("dev.tableflow.onboarding.steps.EnsureTopic", "run", "EnsureTopic.java", 42),
                new StackTraceElement("sun.nio.ch.Net", "poll", null, -2),
                new StackTraceElement("Generated", "call", null, -1)});
        ExtLogRecord record = record(Level.WARN, "EnsureTopic failed", "dev.tableflow.onboarding.steps.Ensure");
        record.setThrown(thrown);
        assertSame(record);
    }

    @Test
    void aCauseCycleIsWrittenAsAReferenceAsJbossWritesIt() {
        RuntimeException outer = new RuntimeException("outer");
        RuntimeException inner = new RuntimeException("inner", outer);
        outer.initCause(inner);
        ExtLogRecord record = record(Level.ERROR, "cycle", "x");
        record.setThrown(outer);
        assertSame(record);
    }

    @Test
    void aRecordWithoutAMessageIsWrittenAsJbossWritesIt() {
        assertSame(record(Level.DEBUG, null, "x"));
    }

    private static ExtLogRecord record(java.util.logging.Level level, String message, String loggerName) {
        ExtLogRecord record = new ExtLogRecord(level, message, "org.jboss.logging.Logger");
        record.setLoggerName(loggerName);
        return record;
    }

    private void assertSame(ExtLogRecord record) {
        String expected = jboss.format(record);
        assertThat(ours.format(record)).isEqualTo(expected);
    }
}
