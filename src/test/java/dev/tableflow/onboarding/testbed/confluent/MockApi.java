package dev.tableflow.onboarding.testbed.confluent;

import java.util.function.Supplier;

/**
 * Base of every simulated API: it registers its routes and can forget its state. Public methods of subclasses are
 * the test-side view (inspect and mutate state); they take the shared lock so they never race a request.
 */
abstract class MockApi {
    final CloudContext ctx;

    MockApi(CloudContext ctx) {
        this.ctx = ctx;
    }

    abstract void register(Router router);

    /** Back to the seeded state and the configured knobs. Called with the lock held. */
    abstract void reset();

    final <T> T locked(Supplier<T> action) {
        synchronized (ctx) {
            return action.get();
        }
    }

    final void locked(Runnable action) {
        synchronized (ctx) {
            action.run();
        }
    }
}
