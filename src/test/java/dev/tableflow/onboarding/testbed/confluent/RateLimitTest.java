package dev.tableflow.onboarding.testbed.confluent;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    private static final long MS = 1_000_000L;

    @Test
    void letsThroughAtMostTheRateInAnyOneSecondWindow() {
        RateLimit limit = new RateLimit(3);
        assertThat(limit.admit(0)).isEmpty();
        assertThat(limit.admit(100 * MS)).isEmpty();
        assertThat(limit.admit(200 * MS)).isEmpty();

        Optional<Fault> refused = limit.admit(300 * MS);
        assertThat(refused).get().extracting(Fault::status, Fault::retryAfterSeconds).containsExactly(429, 1);
        // Refused requests do not use up the window: the first slot frees at 1000 ms, not later.
        assertThat(limit.admit(999 * MS)).isPresent();
        assertThat(limit.admit(1000 * MS)).isEmpty();
        assertThat(limit.admit(1050 * MS)).isPresent();
        assertThat(limit.admit(1100 * MS)).isEmpty();
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUp() {
        RateLimit limit = new RateLimit(1);
        assertThat(limit.admit(0)).isEmpty();
        assertThat(limit.admit(1 * MS)).get().extracting(Fault::retryAfterSeconds).isEqualTo(1);
    }

    @Test
    void theServerAnswersBeyondTheLimitWith429RetryAfterAndTheContractsErrorBody() throws Exception {
        try (ConfluentCloudTestServer server = ConfluentCloudTestServer.builder().withoutContractValidation().start()) {
            AtomicLong clock = new AtomicLong();
            server.faults().limitRate(2, clock::get);
            CloudHttp http = new CloudHttp(server);
            int[] statuses = new int[4];
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = http.cloud("GET", "/iam/v2/service-accounts", null).statusCode();
            }
            assertThat(statuses).containsExactly(200, 200, 429, 429);

            clock.addAndGet(999 * MS);
            HttpResponse<String> refused = http.cloud("GET", "/iam/v2/service-accounts", null);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).as("1 ms left, rounded up to whole seconds").hasValue("1");
            CloudHttp.assertManagementError(refused, 429);
            assertThat(server.requests().count(r -> r.status() == 429)).isEqualTo(3);

            clock.addAndGet(MS);
            assertThat(http.cloud("GET", "/iam/v2/service-accounts", null).statusCode()).as("the window has passed").isEqualTo(200);
        }
    }
}
