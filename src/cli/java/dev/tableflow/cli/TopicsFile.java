package dev.tableflow.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.request.OnboardingRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A declarative topics file (schemas/topics-file.schema.json), read into the one onboarding request it stands for.
 * It is checked three times before anything is sent: against its own schema, then as a request against the published
 * request schema and the intake's own parser, so that whatever the stack would refuse is refused here, naming the
 * file and the topic.
 */
record TopicsFile(Path path, List<String> topics, ObjectNode detail) {

    static final String SCHEMA = "schemas/topics-file.schema.json";
    static final String REQUEST_SCHEMA = "schemas/events/topic-onboarding-requested.schema.json";
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static TopicsFile read(Path path) {
        JsonNode document;
        try {
            document = YAML.readTree(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new CliException(path + ": no such file");
        } catch (JsonProcessingException e) {
            throw new CliException(path + ": not YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new CliException(path + ": cannot read it: " + e.getMessage());
        }
        return of(path, document);
    }

    static TopicsFile of(Path path, JsonNode document) {
        if (document == null || document.isMissingNode()) {
            throw new CliException(path + ": the file is empty; it needs a map 'topics' of topic name to settings");
        }
        refuse(path, validate(SCHEMA, document), List.of());
        List<String> names = new ArrayList<>();
        ObjectNode detail = YAML.createObjectNode();
        ArrayNode topics = detail.putArray("topics");
        for (Map.Entry<String, JsonNode> entry : document.path("topics").properties()) {
            names.add(entry.getKey());
            ObjectNode topic = topics.addObject().put("name", entry.getKey());
            if (entry.getValue().isObject()) {
                topic.setAll((ObjectNode) entry.getValue());
            }
        }
        refuse(path, validate(REQUEST_SCHEMA, detail), names);
        try {
            OnboardingRequest.parse(new StepContext("tableflow", path.toString()), detail);
        } catch (InvalidInputException e) {
            throw new CliException(path + ": " + inFile(e.problem(), names));
        }
        return new TopicsFile(path, List.copyOf(names), detail);
    }

    /** The request's detail for PutEvents: the file's topics, the caller's request id, and whether it is a dry run. */
    ObjectNode request(String requestId, boolean dryRun) {
        ObjectNode request = detail.deepCopy().put("requestId", requestId);
        if (dryRun) {
            request.put("dryRun", true);
        }
        return request;
    }

    private static List<String> validate(String schema, JsonNode document) {
        Schema loaded = SCHEMAS.getSchema(classpath(schema), InputFormat.JSON);
        return loaded.validate(document.toString(), InputFormat.JSON).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    private static void refuse(Path path, List<String> problems, List<String> names) {
        if (!problems.isEmpty()) {
            throw new CliException(path + " is not a valid topics file (" + SCHEMA + "):\n  "
                    + String.join("\n  ", problems.stream().map(p -> inFile(p, names)).toList()));
        }
    }

    /** A request's field ({@code topics[1].partitions}, {@code /topics/1/partitions}) as the file names it: by the topic's key. */
    static String inFile(String problem, List<String> names) {
        String named = problem;
        for (int i = names.size() - 1; i >= 0; i--) {
            named = named.replace("topics[" + i + "]", "topics." + names.get(i)).replace("/topics/" + i, "/topics/" + names.get(i));
        }
        return named;
    }

    private static String classpath(String resource) {
        try (InputStream in = TopicsFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the CLI's classpath (pom.xml, cli-schemas)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }
}
