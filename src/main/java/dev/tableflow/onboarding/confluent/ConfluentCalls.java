package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.config.RuntimeConfig;
import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.RetryableException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.http.Backoff;
import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.http.NoAnswerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one place that decides what a failed Confluent Cloud call means.
 * <ul>
 * <li>429 is retried here, after {@code Retry-After}, when the invocation has time for the wait; the request was not
 * processed.</li>
 * <li>5xx, 408, timeouts and connection resets are retried here only for reads. A write may have taken effect, so it
 * is left to the state machine, which re-runs the whole step: every step looks its resource up first and adopts
 * what an earlier attempt created.</li>
 * <li>Anything still failing becomes {@link RetryableException} (state machine retries with backoff) or
 * {@link TerminalException} (400, 401, 403, 404, 409, 422: caught and reported), carrying Confluent's message.</li>
 * </ul>
 */
@ApplicationScoped
public class ConfluentCalls {

    private static final Logger LOG = Logger.getLogger(ConfluentCalls.class);
    static final int ATTEMPTS = 3;
    /**
     * Rate-limit waits are honoured in process up to this, within the invocation's deadline: a Step Functions Retry
     * cannot read {@code Retry-After} and would come back early, into another 429, after repeating the step's lookups.
     */
    static final Duration MAX_IN_PROCESS_WAIT = Duration.ofSeconds(60);
    /** A guard against a server that keeps returning a next link: 100 pages of 100 is far beyond any account. */
    static final int MAX_PAGES = 100;
    /** Confluent Cloud's maximum page size, so listing takes as few requests as possible. */
    public static final int PAGE_SIZE = 100;

    /** Calls repeated in process since the last {@link #takeRetries()}; a Lambda container serves one invocation at a time. */
    private final AtomicInteger retried = new AtomicInteger();
    private final Deadline deadline;
    private final Backoff backoff;
    private final Duration newKeyWindow;

    @Inject
    public ConfluentCalls(Deadline deadline, Backoff backoff, RuntimeConfig runtime) {
        this(deadline, backoff, runtime.newKeyWindow());
    }

    /** @param newKeyWindow how long after it was stored a refused key counts as still propagating */
    public ConfluentCalls(Deadline deadline, Backoff backoff, Duration newKeyWindow) {
        this.deadline = deadline;
        this.backoff = backoff;
        this.newKeyWindow = newKeyWindow;
    }

    public <T> T read(StepContext context, Supplier<T> call) {
        return execute(context, call, true);
    }

    public <T> T write(StepContext context, Supplier<T> call) {
        return execute(context, call, false);
    }

    /**
     * A create that names something another API made a moment ago. Until that reaches this API it answers 404: TableFlow
     * refuses a Kafka topic created seconds before with 404 "topic not found" (terraform-provider-confluent PR #896 waits
     * for it). That is "not yet", for the state machine to retry, bounded, never a verdict.
     */
    public <T> T writeNaming(StepContext context, String named, Supplier<T> call) {
        try {
            return write(context, call);
        } catch (TerminalException e) {
            if (ConfluentApiException.answered(e, 404) && e.getCause() instanceof ConfluentApiException api) {
                throw new NotReadyException(context, api.describe() + "; waiting for " + named + " to reach the API");
            }
            throw e;
        }
    }

    /** A read of one resource by id, where 404 means it is not there. */
    public <T> Optional<T> find(StepContext context, Supplier<T> call) {
        try {
            return Optional.of(execute(context, call, true));
        } catch (TerminalException e) {
            if (ConfluentApiException.answered(e, 404)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A delete where 404 means someone else already deleted it, which is the outcome we wanted. */
    public void delete(StepContext context, Runnable call) {
        find(context, () -> {
            call.run();
            return Boolean.TRUE;
        });
    }

    /** Every item of a paginated list, following {@code page_token} (whichever envelope carries it: {@link Paged}). */
    public <T> List<T> readAll(StepContext context, Function<String, ? extends Paged<T>> pageByToken) {
        return readPages(context, pageByToken, item -> false);
    }

    /** The first item of a paginated list that matches; pages after the one holding it are not read. */
    public <T> Optional<T> findFirst(StepContext context, Function<String, ? extends Paged<T>> pageByToken, Predicate<T> match) {
        return readPages(context, pageByToken, match).stream().filter(match).findFirst();
    }

    private <T> List<T> readPages(StepContext context, Function<String, ? extends Paged<T>> pageByToken, Predicate<T> stopAt) {
        List<T> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String current = token;
            Paged<T> result = read(context, () -> pageByToken.apply(current));
            all.addAll(result.items());
            Optional<String> next = result.nextPageToken();
            if (next.isEmpty() || result.items().stream().anyMatch(stopAt)) {
                return all;
            }
            // A token handed out twice would send us round the same pages until MAX_PAGES, each read counted as new items.
            if (!seen.add(next.get())) {
                throw new TerminalException(context, "listing does not end: page " + (page + 1) + " links to a page already read "
                        + "(its next page_token repeats an earlier one)");
            }
            token = next.get();
        }
        throw new TerminalException(context, "listing did not end after " + MAX_PAGES + " pages");
    }

    /** How many calls were repeated in process since the last time this was asked, for the step's Retries metric. */
    public int takeRetries() {
        return retried.getAndSet(0);
    }

    /**
     * A call made with a stored API key. A new key takes a while to propagate through Confluent Cloud and answers 401
     * or 403 until then: "not yet" rather than "denied", for a key not in use yet or stored less than the new-key
     * window ago. An older key that is refused has been revoked or lost a grant; that is terminal at once, not after
     * the workflow's waits.
     */
    public <T> T withKey(StepContext context, ApiKeyCredentials key, Supplier<T> call) {
        try {
            return read(context, call);
        } catch (TerminalException e) {
            if (e.getCause() instanceof ConfluentApiException api && api.denied()) {
                if (key.storedAt() != null) {
                    Duration age = Duration.between(key.storedAt(), Instant.now());
                    if (age.compareTo(newKeyWindow) >= 0) {
                        throw new TerminalException(context, "the API key " + key.key() + ", stored " + age.toMinutes()
                                + " min ago, is refused: revoked, or its owner lacks the permission (" + api.describe() + ")", api);
                    }
                }
                throw new NotReadyException(context, "the API key " + key.key() + " is not accepted yet (" + api.describe() + ")");
            }
            throw e;
        }
    }

    private <T> T execute(StepContext context, Supplier<T> call, boolean idempotent) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ConfluentApiException e) {
                if (!e.retryable()) {
                    throw new TerminalException(context, e.describe(), e);
                }
                boolean safeToRepeat = e.status() == 429 || idempotent;
                Duration wait = e.retryAfterSeconds().isPresent()
                        ? Duration.ofSeconds(e.retryAfterSeconds().getAsLong())
                        : backoff.of(attempt);
                if (!safeToRepeat || attempt >= ATTEMPTS || wait.compareTo(MAX_IN_PROCESS_WAIT) > 0 || !deadline.allows(wait)) {
                    String hint = e.retryAfterSeconds().isPresent() ? " (retry after " + wait.toSeconds() + "s)" : "";
                    throw new RetryableException(context, e.describe() + hint, e);
                }
                LOG.infof("%s: %s, attempt %d of %d, retrying in %d ms", context, e.describe(), attempt, ATTEMPTS, wait.toMillis());
                retried.incrementAndGet();
                backoff.sleep(wait);
            } catch (NoAnswerException e) {
                // A timeout, reset or refused connection: the request may or may not have run.
                String cause = "no answer from Confluent Cloud: " + e.getMessage();
                Duration wait = backoff.of(attempt);
                if (!idempotent || attempt >= ATTEMPTS || !deadline.allows(wait)) {
                    throw new RetryableException(context, cause, e);
                }
                LOG.infof("%s: %s, attempt %d of %d", context, cause, attempt, ATTEMPTS);
                retried.incrementAndGet();
                backoff.sleep(wait);
            }
        }
    }
}
