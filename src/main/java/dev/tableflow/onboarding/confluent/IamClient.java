package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.config.TableflowConfig;
import dev.tableflow.onboarding.confluent.model.RoleBinding;
import dev.tableflow.onboarding.confluent.model.ServiceAccount;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/** IAM {@code iam/v2}: service accounts (iam-v2.yaml) and role bindings (iam-v2-role-bindings.yaml). */
@ApplicationScoped
public class IamClient {

    private final ConfluentHttp http;
    private final CloudApiKey cloudApiKey;
    private final URI base;

    public IamClient(ConfluentHttp http, CloudApiKey cloudApiKey, TableflowConfig config) {
        this.http = http;
        this.cloudApiKey = cloudApiKey;
        this.base = URI.create(config.confluentUrl());
    }

    public ServiceAccount serviceAccount(String id) {
        return http.get(base, "/iam/v2/service-accounts/{}", id).authorization(cloudApiKey).read(ServiceAccount.class);
    }

    public Page<RoleBinding> roleBindings(String crnPattern, String principal, String roleName, int pageSize, String pageToken) {
        return http.get(base, "/iam/v2/role-bindings").authorization(cloudApiKey)
                .query("crn_pattern", crnPattern).query("principal", principal).query("role_name", roleName)
                .query("page_size", pageSize).query("page_token", pageToken)
                .page(RoleBinding.class);
    }

    /** 201 Created. */
    public RoleBinding createRoleBinding(RoleBinding binding) {
        return http.post(base, "/iam/v2/role-bindings").authorization(cloudApiKey).body(binding).read(RoleBinding.class);
    }

    /** 200 OK with the deleted binding (not 204, unlike the other deletes); 404 when it is already gone. */
    public RoleBinding deleteRoleBinding(String id) {
        return http.delete(base, "/iam/v2/role-bindings/{}", id).authorization(cloudApiKey).read(RoleBinding.class);
    }
}
