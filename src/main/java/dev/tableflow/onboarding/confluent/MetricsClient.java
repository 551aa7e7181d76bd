package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.confluent.model.MetricDescriptor;
import dev.tableflow.onboarding.confluent.model.MetricPoint;
import dev.tableflow.onboarding.confluent.model.MetricsQuery;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * Confluent Cloud Metrics API v2 (contract: metrics-v2.yaml), on its own host ({@code api.telemetry.confluent.cloud}),
 * dataset {@code cloud}. It takes the operator's Cloud API key, whose owner needs the MetricsViewer role. Its query is
 * a POST that only reads.
 */
@ApplicationScoped
public class MetricsClient {

    static final String DATASET = "cloud";

    private final ConfluentHttp http;
    private final CloudApiKey cloudApiKey;
    private final URI base;

    public MetricsClient(ConfluentHttp http, CloudApiKey cloudApiKey, TableflowConfig config) {
        this.http = http;
        this.cloudApiKey = cloudApiKey;
        this.base = URI.create(config.metricsUrl());
    }

    public MetricsPage<MetricDescriptor> descriptors(int pageSize, String pageToken) {
        return http.get(base, "/v2/metrics/{}/descriptors/metrics", DATASET).authorization(cloudApiKey)
                .query("page_size", pageSize).query("page_token", pageToken)
                .metricsPage(MetricDescriptor.class);
    }

    public MetricsPage<MetricPoint> query(MetricsQuery query, String pageToken) {
        return http.post(base, "/v2/metrics/{}/query", DATASET).authorization(cloudApiKey).query("page_token", pageToken).body(query)
                .metricsPage(MetricPoint.class);
    }
}
