package dev.tableflow.onboarding.status;

/**
 * The troubleshooting cases of the TableFlow runbook, each with what to do about it, and this stack's own: the record
 * of the topics it manages.
 */
public enum Troubleshooting {

    PROVIDER_INTEGRATION("Provider Integration Failures",
            "check the IAM role configuration: the provider integration must exist for the CustomerRoleArn of this stack; "
                    + "run the bootstrap (events/bootstrap-requested.json) to create it"),
    CATALOG_ACCESS("Catalog Access Issues",
            "verify the Glue permissions of the customer role (GetTable*, GetPartition*, CreateTable, UpdateTable, DeleteTable on the "
                    + "catalog and the cluster's database) and the TableFlow API key; re-run the bootstrap once fixed"),
    CROSS_ACCOUNT("Cross-Account Access",
            "validate the external id and the trust policy: the customer role must trust Confluent's role with the provider "
                    + "integration's external id; the bootstrap's EnsureTrustPolicy step restores the statement"),
    KEY_PERMISSIONS("API Key Permissions",
            "ensure the API key exists, its secret is in Secrets Manager and it is accepted; the bootstrap (TableFlow key) or the next "
                    + "onboarding (Kafka and Schema Registry keys) replaces a key whose secret is lost"),
    SUSPENDED_TOPIC("Suspended Topics",
            "TableFlow paused the topic (a record it cannot convert in SUSPEND error-handling mode, a catalog or storage access "
                    + "error, an invalid schema change): fix what its message names, then send TopicResumeRequested "
                    + "(events/resume-topic2.json) to resume it"),
    SERVICE_ACCOUNT_ROLES("Service Account Roles",
            "grant the service account that owns the API keys the roles the check names (or EnvironmentAdmin on the environment), "
                    + "with the Confluent CLI command it gives; TableFlow refuses to enable a topic without them"),
    MANAGED_TOPICS("Record of Managed Topics",
            "the stack disables and deletes only the topics in its record (tableflow-onboarding-{env}-topics): onboard a topic to "
                    + "record it, offboard a recorded one that should no longer be materialized");

    private final String title;
    private final String fix;

    Troubleshooting(String title, String fix) {
        this.title = title;
        this.fix = fix;
    }

    public String title() {
        return title;
    }

    public String fix() {
        return fix;
    }
}
