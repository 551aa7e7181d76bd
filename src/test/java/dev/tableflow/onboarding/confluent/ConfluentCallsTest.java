package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.errors.NotReadyException;
import dev.tableflow.onboarding.errors.RetryableException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.http.Backoff;
import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.http.NoAnswerException;
import org.junit.jupiter.api.Test;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The error policy, without HTTP: what each failure becomes and which calls are repeated in process. */
class ConfluentCallsTest {

    static final StepContext CONTEXT = new StepContext("EnsureThing", "thing \"dev-thing\"");
    final Deadline deadline = new Deadline();
    static final Duration NEW_KEY_WINDOW = Duration.ofMinutes(20);
    final ConfluentCalls calls = new ConfluentCalls(deadline, new Backoff(1), NEW_KEY_WINDOW);

    static ConfluentApiException status(int status, String message) {
        return new ConfluentApiException(status, null, message, OptionalLong.empty());
    }

    /** Fails with the given errors in turn, then answers "ok"; counts attempts. */
    static final class Flaky implements Supplier<String> {
        final List<RuntimeException> failures;
        final AtomicInteger attempts = new AtomicInteger();

        Flaky(RuntimeException... failures) {
            this.failures = List.of(failures);
        }

        @Override
        public String get() {
            int attempt = attempts.getAndIncrement();
            if (attempt < failures.size()) {
                throw failures.get(attempt);
            }
            return "ok";
        }
    }

    @Test
    void rateLimitIsRetriedAfterRetryAfterEvenForWrites() {
        Flaky flaky = new Flaky(new ConfluentApiException(429, null, "Too Many Requests", OptionalLong.of(0)));

        assertThat(calls.write(CONTEXT, flaky)).isEqualTo("ok");
        assertThat(flaky.attempts).hasValue(2);
    }

    @Test
    void serverErrorsAreRetriedInProcessOnlyForReads() {
        Flaky read = new Flaky(status(503, "Service Unavailable"), status(500, "boom"));
        assertThat(calls.read(CONTEXT, read)).isEqualTo("ok");
        assertThat(read.attempts).hasValue(3);

        Flaky write = new Flaky(status(503, "Service Unavailable"));
        assertThatThrownBy(() -> calls.write(CONTEXT, write))
                .isInstanceOf(RetryableException.class)
                .hasMessage("EnsureThing: thing \"dev-thing\": 503: Service Unavailable");
        assertThat(write.attempts).hasValue(1);
    }

    @Test
    void persistentFailureBecomesRetryableForTheStateMachine() {
        Flaky flaky = new Flaky(status(502, "a"), status(502, "b"), status(502, "c"), status(502, "d"));

        assertThatThrownBy(() -> calls.read(CONTEXT, flaky)).isInstanceOf(RetryableException.class).hasMessageEndingWith("502: c");
        assertThat(flaky.attempts).hasValue(ConfluentCalls.ATTEMPTS);
    }

    @Test
    void aRetryAfterOfUpToAMinuteIsWaitedInProcessLongerOnesAreLeftToTheStateMachine() {
        List<Duration> waited = new ArrayList<>();
        ConfluentCalls patient = new ConfluentCalls(deadline, new Backoff(1) {
            @Override
            public void sleep(Duration wait) {
                waited.add(wait);
            }
        }, NEW_KEY_WINDOW);
        deadline.start(Duration.ofMinutes(5).toMillis());
        Flaky minute = new Flaky(new ConfluentApiException(429, null, "slow down", OptionalLong.of(60)));
        Flaky longer = new Flaky(new ConfluentApiException(429, null, "slow down", OptionalLong.of(61)));

        assertThat(patient.write(CONTEXT, minute)).isEqualTo("ok");
        assertThat(waited).containsExactly(Duration.ofSeconds(60));
        assertThatThrownBy(() -> patient.read(CONTEXT, longer)).isInstanceOf(RetryableException.class)
                .hasMessageContaining("429: slow down (retry after 61s)");
        assertThat(longer.attempts).hasValue(1);
    }

    @Test
    void aRetryTheInvocationHasNoTimeForIsLeftToTheStateMachine() {
        deadline.start(Deadline.RESERVE.plusSeconds(3).toMillis());
        Flaky limited = new Flaky(new ConfluentApiException(429, null, "slow down", OptionalLong.of(3)));
        NoAnswerException timeout = new NoAnswerException("GET https://api.confluent.cloud", new HttpTimeoutException("request timed out"));
        Flaky hung = new Flaky(timeout);

        assertThatThrownBy(() -> calls.read(CONTEXT, limited)).isInstanceOf(RetryableException.class)
                .hasMessage("EnsureThing: thing \"dev-thing\": 429: slow down (retry after 3s)");
        assertThat(limited.attempts).as("a 3 s wait and another call do not fit in 3 s").hasValue(1);
        deadline.start(Deadline.RESERVE.plus(Deadline.SHORTEST_CALL).toMillis());
        assertThatThrownBy(() -> calls.read(CONTEXT, hung)).isInstanceOf(RetryableException.class)
                .hasMessageContaining("no answer from Confluent Cloud");
        assertThat(hung.attempts).hasValue(1);
    }

    @Test
    void timeoutsAreRetryableAndNotRepeatedForWrites() {
        NoAnswerException timeout = new NoAnswerException("POST https://api.confluent.cloud", new HttpTimeoutException("request timed out"));

        assertThatThrownBy(() -> calls.write(CONTEXT, new Flaky(timeout)))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("no answer from Confluent Cloud: POST https://api.confluent.cloud: HttpTimeoutException request timed out");
        assertThat(calls.read(CONTEXT, new Flaky(timeout))).isEqualTo("ok");
    }

    @Test
    void requestTimeoutAnsweredByAGatewayIsATimeoutToo() {
        Flaky read = new Flaky(status(408, "Request Timeout"));
        assertThat(calls.read(CONTEXT, read)).isEqualTo("ok");
        assertThat(read.attempts).hasValue(2);

        assertThatThrownBy(() -> calls.write(CONTEXT, new Flaky(status(408, "Request Timeout"))))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("408: Request Timeout");
    }

    @Test
    void clientErrorsAreTerminalWithConfluentsMessage() {
        for (int status : new int[] {400, 401, 403, 409, 422}) {
            Flaky flaky = new Flaky(new ConfluentApiException(status, "conflict_code", "Confluent says no", OptionalLong.empty()));
            assertThatThrownBy(() -> calls.read(CONTEXT, flaky))
                    .isInstanceOf(TerminalException.class)
                    .hasMessage("EnsureThing: thing \"dev-thing\": " + status + " (conflict_code): Confluent says no");
            assertThat(flaky.attempts).hasValue(1);
        }
    }

    @Test
    void notFoundIsEmptyForLookUpsAndDeletes() {
        assertThat(calls.find(CONTEXT, new Flaky(status(404, "gone"), status(404, "gone")))).isEmpty();
        calls.delete(CONTEXT, () -> {
            throw status(404, "already deleted");
        });
        assertThatThrownBy(() -> calls.find(CONTEXT, new Flaky(status(403, "no")))).isInstanceOf(TerminalException.class);
    }

    @Test
    void aNewKeyThatIsRefusedIsNotReady() {
        ApiKeyCredentials stored = new ApiKeyCredentials("KEY1", "s", Instant.now().minus(NEW_KEY_WINDOW).plusSeconds(30));

        assertThatThrownBy(() -> calls.withKey(CONTEXT, stored, new Flaky(status(401, "Unauthorized"))))
                .isInstanceOf(NotReadyException.class)
                .hasMessageContaining("the API key KEY1 is not accepted yet (401: Unauthorized)");
        assertThatThrownBy(() -> calls.withKey(CONTEXT, stored, new Flaky(status(403, "Forbidden")))).isInstanceOf(NotReadyException.class);
        assertThatThrownBy(() -> calls.withKey(CONTEXT, stored, new Flaky(status(400, "bad")))).isInstanceOf(TerminalException.class);
    }

    @Test
    void aKeyNotInUseYetThatIsRefusedIsNotReadyWhateverTheWindow() {
        ConfluentCalls noWindow = new ConfluentCalls(deadline, new Backoff(1), Duration.ZERO);

        assertThatThrownBy(() -> noWindow.withKey(CONTEXT, new ApiKeyCredentials("KEY1", "s"), new Flaky(status(401, "Unauthorized"))))
                .isInstanceOf(NotReadyException.class);
        assertThatThrownBy(() -> noWindow.withKey(CONTEXT, new ApiKeyCredentials("KEY1", "s", Instant.now()), new Flaky(status(401, "Unauthorized"))))
                .isInstanceOf(TerminalException.class);
    }

    @Test
    void aKeyStoredLongerAgoThanItsPropagationThatIsRefusedIsTerminalAtOnce() {
        ApiKeyCredentials stored = new ApiKeyCredentials("KEY1", "s", Instant.now().minus(NEW_KEY_WINDOW).minusSeconds(60));
        Flaky refused = new Flaky(status(403, "Authorization failed"));

        assertThatThrownBy(() -> calls.withKey(CONTEXT, stored, refused))
                .isInstanceOf(TerminalException.class)
                .hasMessageContaining("the API key KEY1, stored 21 min ago, is refused: revoked, or its owner lacks the permission")
                .hasMessageContaining("403: Authorization failed");
        assertThat(refused.attempts).hasValue(1);
    }

    @Test
    void paginationFollowsTokensAndStopsAtTheMatch() {
        AtomicInteger requests = new AtomicInteger();
        java.util.function.Function<String, Page<String>> pages = token -> {
            requests.incrementAndGet();
            return switch (token == null ? "" : token) {
                case "" -> new Page<>(new Page.Metadata("https://x/y?page_token=p2"), List.of("a", "b"));
                case "p2" -> new Page<>(new Page.Metadata("https://x/y?page_token=p3"), List.of("c"));
                default -> new Page<>(new Page.Metadata(null), List.of("d"));
            };
        };

        assertThat(calls.readAll(CONTEXT, pages)).containsExactly("a", "b", "c", "d");
        assertThat(requests).hasValue(3);
        requests.set(0);
        assertThat(calls.findFirst(CONTEXT, pages, "c"::equals)).contains("c");
        assertThat(requests).hasValue(2);
    }

    @Test
    void aListingWhoseNextPageTokenRepeatsStopsWithAClearError() {
        AtomicInteger requests = new AtomicInteger();
        // p2 links to p3, which links back to p2: following it would read the same items until MAX_PAGES.
        java.util.function.Function<String, Page<String>> cycle = token -> {
            requests.incrementAndGet();
            return "p2".equals(token)
                    ? new Page<>(new Page.Metadata("https://x/y?page_token=p3"), List.of("b"))
                    : new Page<>(new Page.Metadata("https://x/y?page_token=p2"), List.of(token == null ? "a" : "c"));
        };

        assertThatThrownBy(() -> calls.readAll(CONTEXT, cycle)).isInstanceOf(TerminalException.class)
                .hasMessage("EnsureThing: thing \"dev-thing\": listing does not end: page 3 links to a page already read "
                        + "(its next page_token repeats an earlier one)");
        assertThat(requests).as("stopped at the first repeat, not after " + ConfluentCalls.MAX_PAGES + " pages").hasValue(3);
    }
}
