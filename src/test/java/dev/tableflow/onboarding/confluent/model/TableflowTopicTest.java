package dev.tableflow.onboarding.confluent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tableflow.onboarding.confluent.model.TableflowTopic.CatalogSync.Meaning;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every catalog sync status Confluent's contract lists means something deliberate to the onboarding's check. */
class TableflowTopicTest {

    private static final Path SPEC = Path.of("../shared/confluent-openapi/tableflow-v1.yaml");

    @Test
    void everySyncStatusOfTheContractHasAMeaningAndUnknownOnesAreWaitedFor() throws Exception {
        assumeTrue(Files.exists(SPEC), "needs " + SPEC);
        JsonNode statuses = new ObjectMapper(new YAMLFactory()).readTree(SPEC.toFile())
                .at("/components/schemas/tableflow.v1.CatalogSyncStatus/properties/sync_status/x-extensible-enum");
        List<String> listed = new ArrayList<>();
        statuses.forEach(s -> listed.add(s.asText()));

        assertThat(listed).as("a status Confluent adds needs a decision here").containsExactlyInAnyOrder("PENDING", "SYNCED", "FAILED", "DISCONNECTED");
        assertThat(TableflowTopic.CatalogSync.meaning("PENDING")).isEqualTo(Meaning.WAIT);
        assertThat(TableflowTopic.CatalogSync.meaning("SYNCED")).isEqualTo(Meaning.SYNCED);
        assertThat(TableflowTopic.CatalogSync.meaning("FAILED")).isEqualTo(Meaning.FAILED);
        assertThat(TableflowTopic.CatalogSync.meaning("DISCONNECTED")).isEqualTo(Meaning.DISCONNECTED);
        assertThat(TableflowTopic.CatalogSync.meaning("SYNCING")).as("the enum is extensible: an unknown status is not-ready").isEqualTo(Meaning.WAIT);
        assertThat(TableflowTopic.CatalogSync.meaning(null)).as("no Glue sync reported yet").isEqualTo(Meaning.WAIT);
    }
}
