package dev.tableflow.onboarding.testbed.confluent;

import java.util.ArrayList;
import java.util.List;

/**
 * Actions run between a request taking effect and its answer leaving the server: the window in which a real client
 * can die with the server's state changed and nothing in hand. Crash tests kill the calling function's JVM here
 * ({@code server.hooks().afterApplied("POST", "/iam/v2/api-keys", () -> lambda.kill("EnsureTableflowApiKeyFunction"))}),
 * so the write is in the server's state and in its request log, and the caller never sees the answer.
 * <p>
 * A hook fires once, on the first matching request answered with 2xx, after the request is logged; the server's
 * lock is not held while it runs. Thread-safe.
 */
public final class ResponseHooks {
    private final List<Hook> hooks = new ArrayList<>();

    private record Hook(String method, String pathPrefix, Runnable action) {
        boolean matches(String m, String path) {
            return method.equalsIgnoreCase(m) && path.startsWith(pathPrefix);
        }
    }

    /** Runs {@code action} once, after the next {@code method} request under {@code pathPrefix} succeeded (2xx). */
    public synchronized void afterApplied(String method, String pathPrefix, Runnable action) {
        hooks.add(new Hook(method, pathPrefix, action));
    }

    /** Hooks armed and not fired yet. */
    public synchronized int pending() {
        return hooks.size();
    }

    public synchronized void clear() {
        hooks.clear();
    }

    /** Called by the dispatcher for every answered request, before the answer is sent. */
    void answered(String method, String path, int status) {
        if (status < 200 || status > 299) {
            return;
        }
        Hook fired = null;
        synchronized (this) {
            for (Hook hook : hooks) {
                if (hook.matches(method, path)) {
                    fired = hook;
                    hooks.remove(hook);
                    break;
                }
            }
        }
        if (fired != null) {
            fired.action().run();
        }
    }
}
