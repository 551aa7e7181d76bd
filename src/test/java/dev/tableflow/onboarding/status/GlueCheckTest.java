package dev.tableflow.onboarding.status;

import dev.tableflow.onboarding.aws.GlueCatalog;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster's Glue database held against what TableFlow reports of the cluster's topics. */
class GlueCheckTest {

    private static final String DATABASE = "lkc-abc123";

    @Test
    void eachSyncedTopicWithItsLowerCasedTableIsOneOkLine() {
        List<Check> checks = GlueCheck.compare(DATABASE, List.of(table("orders"), table("payments")),
                List.of(topic("Orders", "SYNCED"), topic("payments", "SYNCED"), topic("starting", "PENDING")));

        assertThat(checks).containsExactly(Check.ok("Glue database " + DATABASE, "2 tables, each with its TableFlow topic"));
    }

    @Test
    void aSyncedTopicGlueLacksAndATableNoTopicKeepsAreEachAProblem() {
        List<Check> checks = GlueCheck.compare(DATABASE, List.of(table("orders"), table("leftover")),
                List.of(topic("orders", "SYNCED"), topic("payments", "SYNCED")));

        assertThat(checks).extracting(Check::ok).containsOnly(false);
        assertThat(checks).extracting(Check::detail).containsExactly(
                "TableFlow reports topic payments SYNCED to AWS Glue, but the database has no table payments",
                "table leftover has no TableFlow topic on the cluster: nothing keeps it up to date (its topic's TableFlow was disabled, "
                        + "or it was made by hand)");
        assertThat(checks).extracting(Check::troubleshooting).containsOnly(Troubleshooting.CATALOG_ACCESS.title());
    }

    @Test
    void theListingNamesEachTableWithItsDatabaseLocationAndLastUpdate() {
        assertThat(GlueCheck.listed(DATABASE, List.of(table("orders"))))
                .containsExactly(new GlueCheck.Table(DATABASE + ".orders", "s3://bucket/orders", "2026-12-07T10:00:00Z"));
    }

    private static GlueCatalog.Table table(String name) {
        return new GlueCatalog.Table(name, "s3://bucket/" + name, Instant.parse("2026-12-07T10:00:00Z"));
    }

    private static ReportStatus.Topic topic(String name, String glueSync) {
        return new ReportStatus.Topic(name, "RUNNING", glueSync, null, false, "APPEND");
    }
}
