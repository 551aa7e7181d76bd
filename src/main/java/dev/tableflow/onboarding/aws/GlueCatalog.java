package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Glue Data Catalog, read-only: TableFlow writes the tables, this application only confirms and lists them. */
@ApplicationScoped
public class GlueCatalog {

    static final String NOT_FOUND = "EntityNotFoundException";

    /**
     * @param location the table's S3 location, when Glue gives one
     * @param updated  when the table was last written in the catalog (Glue's UpdateTime, else its CreateTime), when Glue gives it
     */
    public record Table(String name, String location, Instant updated) {

        static Table of(JsonNode table, String name) {
            // Iceberg's Glue catalog writes the table's base path as the storage descriptor's location and the current
            // metadata file as the metadata_location parameter; either says where the table's data lives.
            String location = table.path("StorageDescriptor").path("Location").textValue();
            // A table never updated since its creation may carry CreateTime only (moto does; Glue's model has both optional).
            JsonNode updated = table.path("UpdateTime").isNumber() ? table.path("UpdateTime") : table.path("CreateTime");
            // Glue's JSON protocol sends timestamps as epoch seconds, with a fraction.
            return new Table(table.path("Name").asText(name), location != null ? location : table.path("Parameters").path("metadata_location").textValue(),
                    updated.isNumber() ? Instant.ofEpochMilli(Math.round(updated.asDouble() * 1000)) : null);
        }
    }

    private final AwsApi aws;

    public GlueCatalog(AwsApi aws) {
        this.aws = aws;
    }

    /** Empty when the database or the table is not there. */
    public Optional<Table> table(String database, String name) {
        try {
            return Optional.of(Table.of(aws.json(AwsApi.GLUE, "GetTable", AwsApi.object().put("DatabaseName", database).put("Name", name)).path("Table"), name));
        } catch (AwsApiException e) {
            if (e.is(NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every table of the database, following {@code NextToken}; empty when the database is not there. */
    public List<Table> tables(String database) {
        List<Table> tables = new ArrayList<>();
        String token = null;
        try {
            do {
                var request = AwsApi.object().put("DatabaseName", database);
                if (token != null) {
                    request.put("NextToken", token);
                }
                JsonNode page = aws.json(AwsApi.GLUE, "GetTables", request);
                page.path("TableList").forEach(table -> tables.add(Table.of(table, table.path("Name").asText())));
                token = page.path("NextToken").textValue();
            } while (token != null && !token.isEmpty());
        } catch (AwsApiException e) {
            if (e.is(NOT_FOUND)) {
                return List.of();
            }
            throw e;
        }
        return tables;
    }
}
