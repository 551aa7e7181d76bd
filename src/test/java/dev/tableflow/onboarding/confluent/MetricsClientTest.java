package dev.tableflow.onboarding.confluent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.confluent.model.MetricDescriptor;
import dev.tableflow.onboarding.confluent.model.MetricPoint;
import dev.tableflow.onboarding.confluent.model.MetricsQuery;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.http.Backoff;
import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.http.HttpTransport;
import dev.tableflow.onboarding.testbed.confluent.ConfluentCloudTestServer;
import dev.tableflow.onboarding.testbed.confluent.Fault;
import dev.tableflow.onboarding.testbed.confluent.MetricsApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Metrics API client through the error policy, against the Confluent test server held to metrics-v2.yaml. */
class MetricsClientTest {

    static final ConfluentCloudTestServer SERVER = ConfluentCloudTestServer.start();
    static final StepContext CONTEXT = new StepContext("PublishTableflowMetrics", "TableFlow metrics");
    final String cloudKey = "Basic " + Base64.getEncoder().encodeToString(
            (SERVER.cloudApiKey() + ":" + SERVER.cloudApiSecret()).getBytes(StandardCharsets.UTF_8));
    final ConfluentHttp http = new ConfluentHttp(new HttpTransport(new Deadline()),
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    final MetricsClient client = new MetricsClient(http, new CloudApiKey(() -> cloudKey), config(SERVER.baseUrl()));
    final ConfluentCalls calls = new ConfluentCalls(new Deadline(), new Backoff(0), Duration.ofMinutes(20));
    final Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
    final Instant start = end.minus(Duration.ofMinutes(5));

    @BeforeEach
    void reset() {
        SERVER.reset();
    }

    @AfterAll
    static void stop() {
        SERVER.assertNoContractViolations();
        SERVER.close();
    }

    @Test
    void descriptorsAreReadPageByPageToTheEnd() {
        List<MetricDescriptor> all = calls.readAll(CONTEXT, token -> client.descriptors(2, token));

        assertThat(all).extracting(MetricDescriptor::name).contains(MetricsApi.ROWS_SKIPPED, MetricsApi.ROWS_ADDED).hasSize(6);
        assertThat(all).allMatch(d -> d.hasLabel("topic"));
        assertThat(SERVER.requests().count(r -> r.path().equals("/v2/metrics/cloud/descriptors/metrics"))).isEqualTo(3);
        SERVER.assertNoContractViolations();
    }

    @Test
    void aQueryReturnsEachNamedTopicsMinutesOfTheWindowFollowingTheNextPageToken() {
        for (String topic : List.of("orders", "payments", "someone-elses")) {
            for (int minute = -1; minute <= 5; minute++) {
                SERVER.metrics().record(MetricsApi.ROWS_SKIPPED, topic, start.plus(Duration.ofMinutes(minute)), minute + 1);
            }
        }
        MetricsQuery perTopic = MetricsQuery.perTopic(MetricsApi.ROWS_SKIPPED, SERVER.kafkaClusterId(), List.of("orders", "payments"), start, end);
        MetricsQuery oneGroupPerPage = new MetricsQuery(perTopic.aggregations(), perTopic.groupBy(), perTopic.granularity(), perTopic.filter(),
                perTopic.intervals(), 1, perTopic.format());

        List<MetricPoint> points = calls.readAll(CONTEXT, token -> client.query(oneGroupPerPage, token));

        assertThat(points).extracting(MetricPoint::topic).containsOnly("orders", "payments");
        assertThat(points).hasSize(2 * 5).allSatisfy(p -> {
            Instant minute = Instant.parse(p.timestamp());
            assertThat(minute).isBetween(start, end.minus(Duration.ofMinutes(1)));
            assertThat(p.value()).isEqualTo(Duration.between(start, minute).toMinutes() + 1);
        });
        assertThat(SERVER.requests().count(r -> r.path().equals("/v2/metrics/cloud/query"))).as("one page per topic").isEqualTo(2);
        SERVER.assertNoContractViolations();
    }

    @Test
    void aMinuteIsNotServedBeforeTheMetricsApisLatencyHasPassed() {
        Instant recent = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        SERVER.metrics().record(MetricsApi.ROWS_SKIPPED, "orders", recent, 7);
        MetricsQuery query = MetricsQuery.perTopic(MetricsApi.ROWS_SKIPPED, SERVER.kafkaClusterId(), List.of("orders"),
                recent.minus(Duration.ofMinutes(5)), recent.plus(Duration.ofMinutes(1)));

        assertThat(calls.readAll(CONTEXT, token -> client.query(query, token))).isEmpty();
        SERVER.metrics().latency(Duration.ZERO);
        assertThat(calls.readAll(CONTEXT, token -> client.query(query, token))).extracting(MetricPoint::value).containsExactly(7.0);
    }

    @Test
    void aRateLimitedQueryIsRepeatedAfterItsRetryAfter() {
        SERVER.faults().next(1, Fault.rateLimited(0)).on("POST", "/v2/metrics/cloud/query");
        MetricsQuery query = MetricsQuery.perTopic(MetricsApi.ROWS_SKIPPED, SERVER.kafkaClusterId(), List.of("orders"), start, end);

        assertThat(calls.readAll(CONTEXT, token -> client.query(query, token))).isEmpty();
        assertThat(calls.takeRetries()).isEqualTo(1);
    }

    @Test
    void aCloudApiKeyWhoseOwnerMayNotViewMetricsIsRefusedUntilItHoldsMetricsViewer() {
        SERVER.metrics().revokeAdminAccess();

        assertThatThrownBy(() -> calls.readAll(CONTEXT, token -> client.descriptors(100, token)))
                .isInstanceOf(TerminalException.class).hasMessageContaining("403")
                .hasMessageContaining("not authorized to access the Metrics API");

        http.post(java.net.URI.create(SERVER.baseUrl()), "/iam/v2/role-bindings").authorization(cloudKey)
                .body(Map.of("principal", "User:" + SERVER.metrics().cloudKeyOwner(), "role_name", "MetricsViewer",
                        "crn_pattern", "crn://confluent.cloud/organization=" + SERVER.organizationId()))
                .send();
        assertThat(calls.readAll(CONTEXT, token -> client.descriptors(100, token))).isNotEmpty();
        SERVER.assertNoContractViolations();
    }

    private static TableflowConfig config(String metricsUrl) {
        return (TableflowConfig) Proxy.newProxyInstance(TableflowConfig.class.getClassLoader(), new Class<?>[] {TableflowConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "metricsUrl" -> metricsUrl;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
