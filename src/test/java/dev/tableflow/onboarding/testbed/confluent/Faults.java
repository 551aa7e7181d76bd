package dev.tableflow.onboarding.testbed.confluent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Fault injection, armed by tests and consulted by the dispatcher before a request reaches its API. Rules fire in
 * the order they were added; each can be narrowed to a method and path prefix. Thread-safe.
 * <pre>{@code
 * server.faults().next(2, Fault.rateLimited(1));                      // the next two requests get 429
 * server.faults().next(1, Fault.status(503)).on("POST", "/tableflow"); // only a matching request
 * server.faults().rate(0.3, 42L, Fault.status(503), Fault.connectionReset()); // 30 % of requests, reproducibly
 * server.faults().limitRate(10);                                        // 429 + Retry-After beyond 10 requests/s
 * }</pre>
 */
public final class Faults {
    private final List<FaultRule> rules = new ArrayList<>();
    private RateLimit rateLimit;
    private LongSupplier rateLimitClock;

    /** The next {@code times} matching requests fail with {@code fault}. */
    public synchronized FaultRule next(int times, Fault fault) {
        FaultRule rule = new FaultRule(times, 1.0, null, List.of(fault));
        rules.add(rule);
        return rule;
    }

    /** Every matching request fails with the given probability, picking one of {@code kinds}; seeded, so repeatable. */
    public synchronized FaultRule rate(double probability, long seed, Fault... kinds) {
        if (kinds.length == 0 || probability < 0 || probability > 1) {
            throw new IllegalArgumentException("rate needs 0 <= probability <= 1 and at least one fault");
        }
        FaultRule rule = new FaultRule(Integer.MAX_VALUE, probability, new Random(seed), List.of(kinds));
        rules.add(rule);
        return rule;
    }

    /**
     * From now until {@link #clear()}, at most {@code perSecond} requests a second get through; the rest are answered
     * 429 with {@code Retry-After} (see {@link RateLimit}). Other faults are drawn first; a request they answer is not
     * counted against the limit.
     */
    public void limitRate(int perSecond) {
        limitRate(perSecond, System::nanoTime);
    }

    /** As {@link #limitRate(int)}, timed by {@code nanoTime}: a test steps it by hand rather than racing the clock. */
    synchronized void limitRate(int perSecond, LongSupplier nanoTime) {
        rateLimit = new RateLimit(perSecond);
        rateLimitClock = nanoTime;
    }

    public synchronized void clear() {
        rules.clear();
        rateLimit = null;
    }

    /** How many one-shot faults are still armed (probabilistic rules are not counted). */
    public synchronized int pending() {
        return rules.stream().filter(r -> r.random == null).mapToInt(r -> r.remaining).sum();
    }

    synchronized Optional<Fault> pick(String method, String path) {
        for (FaultRule rule : rules) {
            if (rule.remaining > 0 && rule.matches(method, path)) {
                Optional<Fault> fault = rule.draw();
                if (fault.isPresent()) {
                    rules.removeIf(r -> r.remaining == 0);
                    return fault;
                }
            }
        }
        return rateLimit == null ? Optional.empty() : rateLimit.admit(rateLimitClock.getAsLong());
    }

    /** A registered rule; narrow it with {@link #on}. */
    public static final class FaultRule {
        private int remaining;
        private final double probability;
        private final Random random;
        private final List<Fault> faults;
        private volatile String method;
        private volatile String pathPrefix;

        private FaultRule(int times, double probability, Random random, List<Fault> faults) {
            this.remaining = times;
            this.probability = probability;
            this.random = random;
            this.faults = faults;
        }

        /** Only requests with this method (null = any) whose path starts with {@code pathPrefix}. */
        public FaultRule on(String method, String pathPrefix) {
            this.method = method;
            this.pathPrefix = pathPrefix;
            return this;
        }

        public FaultRule onPath(String pathPrefix) {
            return on(null, pathPrefix);
        }

        private boolean matches(String m, String path) {
            return (method == null || method.equalsIgnoreCase(m)) && (pathPrefix == null || path.startsWith(pathPrefix));
        }

        private Optional<Fault> draw() {
            if (random != null) {
                if (random.nextDouble() >= probability) {
                    return Optional.empty();
                }
                return Optional.of(faults.get(random.nextInt(faults.size())));
            }
            remaining--;
            return Optional.of(faults.get(0));
        }
    }
}
