package dev.tableflow.onboarding.observability;

import dev.tableflow.onboarding.config.RuntimeConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.logging.Formatter;
import java.util.logging.Handler;

/**
 * One JSON object per log line in the deployed functions, with the MDC the {@link StepObserver} sets (execution id,
 * step, request id) under {@code mdc}, so CloudWatch Logs Insights can filter a run's lines by execution id.
 * <p>
 * The records are those of JBoss LogManager's JSON formatter, the one the quarkus-logging-json extension installs,
 * written with Jackson ({@link JsonLogFormatter} says why). That extension does not resolve from the Maven mirror
 * these machines reach; so the formatter is put on the console handler here, before anything else observes start-up.
 * What Quarkus logs while booting, before this, stays plain text (the init phase, never an invocation).
 */
@ApplicationScoped
public class JsonLogs {

    private final boolean enabled;

    /** On in the prod profile (the package), off in dev and test, where people read the console. */
    public JsonLogs(RuntimeConfig runtime) {
        this.enabled = runtime.jsonLogs();
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (enabled) {
            JsonLogFormatter json = new JsonLogFormatter();
            for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
                useOnConsole(handler, json);
            }
        }
    }

    private static void useOnConsole(Handler handler, Formatter formatter) {
        if (handler instanceof ConsoleHandler console) {
            console.setFormatter(formatter);
        } else if (handler instanceof ExtHandler parent) {
            for (Handler child : parent.getHandlers()) {
                useOnConsole(child, formatter);
            }
        }
    }
}
