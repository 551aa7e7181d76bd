package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.errors.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The roles the service account needs besides the ResourceOwner binding the bootstrap grants, per Confluent's TableFlow
 * RBAC page ("Minimum permissions required"): CloudClusterAdmin on the cluster, to enable TableFlow on its topics and
 * manage its catalog integration, and DeveloperRead on all schema subjects, for schema validation. They are the
 * operator's to grant (README, "Before you deploy"), like the Cloud API key: the application checks them and names the
 * one missing, and never widens its own principal's access. EnvironmentAdmin or OrganizationAdmin include both.
 */
@ApplicationScoped
public class ServiceAccountRoles {

    public static final String CLUSTER_ROLE = "CloudClusterAdmin";
    public static final String SUBJECTS_ROLE = "DeveloperRead";
    static final String ENVIRONMENT_ADMIN = "EnvironmentAdmin";
    static final String ORGANIZATION_ADMIN = "OrganizationAdmin";

    /** A role on a scope, and the Confluent CLI command that grants it. */
    public record Required(String role, String crnPattern, String grant) {}

    private final EnvironmentSettings settings;
    private final ResourceOwnerBinding bindings;

    public ServiceAccountRoles(EnvironmentSettings settings, ResourceOwnerBinding bindings) {
        this.settings = settings;
        this.bindings = bindings;
    }

    /** The required roles the service account holds neither on their scope nor as an admin of the environment or organization. */
    public List<Required> missing(StepContext context, String schemaRegistryClusterId) {
        String organizationCrn = bindings.organizationCrn(context);
        String environmentCrn = organizationCrn + "/environment=" + settings.config().confluentEnvironmentId();
        if (bindings.find(context, ENVIRONMENT_ADMIN, environmentCrn).isPresent()
                || bindings.find(context, ORGANIZATION_ADMIN, organizationCrn).isPresent()) {
            return List.of();
        }
        return required(environmentCrn, schemaRegistryClusterId).stream()
                .filter(role -> bindings.find(context, role.role(), role.crnPattern()).isEmpty())
                .toList();
    }

    private List<Required> required(String environmentCrn, String schemaRegistryClusterId) {
        String environment = settings.config().confluentEnvironmentId();
        String cluster = settings.config().kafkaClusterId();
        String grant = "confluent iam rbac role-binding create --principal " + bindings.principal() + " --environment " + environment;
        return List.of(
                new Required(CLUSTER_ROLE, environmentCrn + "/cloud-cluster=" + cluster, grant + " --role " + CLUSTER_ROLE + " --cloud-cluster " + cluster),
                new Required(SUBJECTS_ROLE, environmentCrn + "/schema-registry=" + schemaRegistryClusterId + "/subject=*",
                        grant + " --role " + SUBJECTS_ROLE + " --schema-registry-cluster " + schemaRegistryClusterId + " --resource \"Subject:*\""));
    }

    /** What a failure or a status line says about the missing roles. */
    public static String describe(String principal, List<Required> missing) {
        return principal + " lacks " + String.join(" and ", missing.stream().map(r -> r.role() + " on " + r.crnPattern()).toList())
                + " (or EnvironmentAdmin), which TableFlow requires; grant it: "
                + String.join("; ", missing.stream().map(Required::grant).toList());
    }
}
