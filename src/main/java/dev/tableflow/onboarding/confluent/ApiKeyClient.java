package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.confluent.model.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/** API Keys Management API {@code iam/v2} (contract: iam-v2-api-keys.yaml). */
@ApplicationScoped
public class ApiKeyClient {

    private final ConfluentHttp http;
    private final CloudApiKey cloudApiKey;
    private final URI base;

    public ApiKeyClient(ConfluentHttp http, CloudApiKey cloudApiKey, TableflowConfig config) {
        this.http = http;
        this.cloudApiKey = cloudApiKey;
        this.base = URI.create(config.confluentUrl());
    }

    /** No display-name filter exists: list by owner and resource, then match the name. */
    public Page<ApiKey> list(String owner, String resource, int pageSize, String pageToken) {
        return http.get(base, "/iam/v2/api-keys").authorization(cloudApiKey)
                .query("spec.owner", owner).query("spec.resource", resource)
                .query("page_size", pageSize).query("page_token", pageToken)
                .page(ApiKey.class);
    }

    /** 202 Accepted; the only response that ever carries {@code spec.secret}. */
    public ApiKey create(ApiKey key) {
        return http.post(base, "/iam/v2/api-keys").authorization(cloudApiKey).body(key).read(ApiKey.class);
    }

    /** 204 No Content. */
    public void delete(String id) {
        http.delete(base, "/iam/v2/api-keys/{}", id).authorization(cloudApiKey).send();
    }
}
