package dev.tableflow.onboarding.testbed.confluent;

import java.util.Set;

/**
 * Who may enable TableFlow, per Confluent's TableFlow RBAC page: CloudClusterAdmin on the cluster (or ResourceOwner on
 * the topic), and with custom storage also Assigner or ResourceOwner on the provider integration; admins of the
 * environment or organization hold both. A caller without them gets the contract's 403 ({@code user_unauthorized},
 * worded as tableflow-v1.yaml's example of it).
 */
final class TableflowRbac {

    private final CloudContext ctx;
    private final RoleBindingsApi roleBindings;

    TableflowRbac(CloudContext ctx, RoleBindingsApi roleBindings) {
        this.ctx = ctx;
        this.roleBindings = roleBindings;
    }

    /** {@code owner} is the id of the calling key's owner; {@code providerIntegration} null for Confluent-managed storage. */
    void requireToEnable(String owner, String environment, String cluster, String topic, String providerIntegration) {
        String environmentCrn = "crn://confluent.cloud/organization=" + ctx.organizationId + "/environment=" + environment;
        String clusterCrn = environmentCrn + "/cloud-cluster=" + cluster;
        if (!roleBindings.grants("User:" + owner, clusterCrn + "/kafka=" + cluster + "/topic=" + topic, Set.of("CloudClusterAdmin", "ResourceOwner"))) {
            throw forbidden(owner, clusterCrn, "CloudClusterAdmin");
        }
        String integrationCrn = environmentCrn + "/provider-integration=" + providerIntegration;
        if (providerIntegration != null && !roleBindings.grants("User:" + owner, integrationCrn, Set.of("Assigner", "ResourceOwner"))) {
            throw forbidden(owner, integrationCrn, "Assigner");
        }
    }

    private static ApiException forbidden(String user, String resource, String role) {
        return new ApiException(403, "user_unauthorized", "User Access Unauthorized",
                "The user '" + user + "' is not allowed to access the '" + resource + "' resource without the '" + role + "' role.", 0, null);
    }
}
