package dev.tableflow.onboarding.observability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The records of JBoss LogManager's {@code JsonFormatter} with its default settings, field for field (the fields the
 * README documents, and Logs Insights queries read), written with Jackson instead of JSON-P.
 * <p>
 * Why not that formatter: it builds its JSON-P generator factory through a service lookup and loads Parsson for the
 * first record, about 30 ms of a cold start here (BENCHMARKS.md, "What changed"), while Jackson's generator is
 * already loaded to bind every invocation. {@code JsonLogFormatterTest} holds the two to the same output.
 */
final class JsonLogFormatter extends ExtFormatter {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneId.systemDefault());

    @Override
    public String format(ExtLogRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", TIMESTAMP.format(record.getInstant()));
            json.writeNumberField("sequence", record.getSequenceNumber());
            json.writeStringField("loggerClassName", record.getLoggerClassName());
            json.writeStringField("loggerName", record.getLoggerName());
            json.writeStringField("level", record.getLevel().getName());
            json.writeStringField("message", formatMessage(record));
            json.writeStringField("threadName", record.getThreadName());
            json.writeNumberField("threadId", record.getLongThreadID());
            json.writeObjectFieldStart("mdc");
            for (Map.Entry<String, String> entry : record.getMdcCopy().entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeStringField("ndc", record.getNdc());
            json.writeStringField("hostName", record.getHostName());
            json.writeStringField("processName", record.getProcessName());
            json.writeNumberField("processId", record.getProcessId());
            if (record.getThrown() != null) {
                json.writeObjectFieldStart("exception");
                exception(json, record.getThrown(), new IdentityHashMap<>());
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return out.append('\n').toString();
    }

    /** A throwable seen before in the same record (a cause cycle) is written as a reference, as JBoss does. */
    private static void exception(JsonGenerator json, Throwable thrown, Map<Throwable, Integer> seen) throws IOException {
        Integer known = seen.get(thrown);
        if (known != null) {
            json.writeNumberField("refId", known);
            json.writeObjectFieldStart("circularReference");
            json.writeStringField("message", thrown.getMessage());
            json.writeEndObject();
            return;
        }
        int refId = seen.size() + 1;
        seen.put(thrown, refId);
        json.writeNumberField("refId", refId);
        json.writeStringField("exceptionType", thrown.getClass().getName());
        json.writeStringField("message", thrown.getMessage());
        json.writeArrayFieldStart("frames");
        for (StackTraceElement frame : thrown.getStackTrace()) {
            json.writeStartObject();
            json.writeStringField("class", frame.getClassName());
            json.writeStringField("method", frame.getMethodName());
            if (frame.getLineNumber() >= 0) {
                json.writeNumberField("line", frame.getLineNumber());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        Throwable[] suppressed = thrown.getSuppressed();
        if (suppressed.length > 0) {
            json.writeArrayFieldStart("suppressed");
            for (Throwable each : suppressed) {
                json.writeStartObject();
                exception(json, each, seen);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (thrown.getCause() != null) {
            json.writeObjectFieldStart("causedBy");
            json.writeObjectFieldStart("exception");
            exception(json, thrown.getCause(), seen);
            json.writeEndObject();
            json.writeEndObject();
        }
    }
}
