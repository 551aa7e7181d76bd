package dev.tableflow.onboarding.status;

import dev.tableflow.onboarding.aws.GlueCatalog;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Glue database TableFlow publishes the cluster's tables to, held against what TableFlow says of its topics: a
 * topic whose Glue sync TableFlow reports SYNCED must have its table there (Athena would not find it otherwise), and a
 * table there with no TableFlow topic of that name is one nothing keeps up to date (left by a topic whose TableFlow was
 * disabled, or made by hand). Neither is drift the bootstrap repairs.
 */
final class GlueCheck {

    /** One table as the report lists it: {@code database.table}, its S3 location, its last update in the catalog. */
    public record Table(String table, String location, String updated) {}

    private GlueCheck() {}

    static String name(String database) {
        return "Glue database " + database;
    }

    static List<Table> listed(String database, List<GlueCatalog.Table> tables) {
        return tables.stream().map(table -> new Table(database + "." + table.name(), table.location(),
                table.updated() == null ? null : table.updated().toString())).toList();
    }

    /**
     * @param tables the database's tables
     * @param topics the cluster's TableFlow topics, with their Glue sync as the report read them
     */
    static List<Check> compare(String database, List<GlueCatalog.Table> tables, List<ReportStatus.Topic> topics) {
        // Glue keeps table names in lower case; a topic's table is its name, lower-cased.
        Set<String> inGlue = tables.stream().map(GlueCatalog.Table::name).collect(Collectors.toSet());
        Set<String> ofTopics = topics.stream().map(topic -> table(topic.name())).collect(Collectors.toSet());
        List<Check> problems = new ArrayList<>();
        topics.stream().filter(topic -> TableflowTopic.SYNCED.equals(topic.glueSync()) && !inGlue.contains(table(topic.name())))
                .forEach(topic -> problems.add(Check.problem(name(database), "TableFlow reports topic " + topic.name()
                        + " SYNCED to AWS Glue, but the database has no table " + table(topic.name()), Troubleshooting.CATALOG_ACCESS)));
        inGlue.stream().filter(table -> !ofTopics.contains(table)).sorted()
                .forEach(table -> problems.add(Check.problem(name(database), "table " + table + " has no TableFlow topic on the cluster: "
                        + "nothing keeps it up to date (its topic's TableFlow was disabled, or it was made by hand)", Troubleshooting.CATALOG_ACCESS)));
        return problems.isEmpty() ? List.of(Check.ok(name(database), tables.size() + " tables, each with its TableFlow topic")) : problems;
    }

    private static String table(String topic) {
        return topic.toLowerCase(Locale.ROOT);
    }
}
