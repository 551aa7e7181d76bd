package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/** Provider Integration API {@code pim/v1} (contract: provider-integration-v1.yaml). No name filter, no update. */
@ApplicationScoped
public class ProviderIntegrationClient {

    private final ConfluentHttp http;
    private final CloudApiKey cloudApiKey;
    private final URI base;

    public ProviderIntegrationClient(ConfluentHttp http, CloudApiKey cloudApiKey, TableflowConfig config) {
        this.http = http;
        this.cloudApiKey = cloudApiKey;
        this.base = URI.create(config.confluentUrl());
    }

    public Page<ProviderIntegration> list(String environment, String provider, int pageSize, String pageToken) {
        return http.get(base, "/pim/v1/integrations").authorization(cloudApiKey)
                .query("environment", environment).query("provider", provider)
                .query("page_size", pageSize).query("page_token", pageToken)
                .page(ProviderIntegration.class);
    }

    /** 201 Created. */
    public ProviderIntegration create(ProviderIntegration integration) {
        return http.post(base, "/pim/v1/integrations").authorization(cloudApiKey).body(integration)
                .read(ProviderIntegration.class);
    }

    /** 204 No Content; 404 when it is already gone (or in another environment). */
    public void delete(String id, String environment) {
        http.delete(base, "/pim/v1/integrations/{}", id).authorization(cloudApiKey).query("environment", environment).send();
    }
}
