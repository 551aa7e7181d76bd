package dev.tableflow.onboarding.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.request.JsonSchemas;
import dev.tableflow.onboarding.request.OnboardingRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.tableflow.onboarding.template.PutEventsEntry.JSON;
import static dev.tableflow.onboarding.request.RequestJson.json;
import static dev.tableflow.onboarding.request.RequestJson.topic;
import static dev.tableflow.onboarding.request.RequestJson.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The published contract of a TopicOnboardingRequested detail (schemas/events/topic-onboarding-requested.schema.json)
 * and the intake's parser ({@link OnboardingRequest#parse}) say the same thing: every sample in events/ passes both,
 * every near-miss is refused by both at the same field, and the few checks JSON Schema cannot express are listed.
 */
class EventDetailSchemaTest {

    private static final String DETAIL_TYPE = "TopicOnboardingRequested";
    private static final Path SCHEMA = Path.of("schemas", "events", "topic-onboarding-requested.schema.json");

    private static Path project;
    private static String schemaDocument;
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        project = SamTemplate.load().directory();
        schemaDocument = Files.readString(project.resolve(SCHEMA));
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaDocument, InputFormat.JSON);
    }

    @Test
    void schemaIsAValidJsonSchema() {
        assertThat(JsonSchemas.problems(schemaDocument)).as(SCHEMA.toString()).isEmpty();
    }

    // ----- the samples operators send

    static Stream<Arguments> samples() throws IOException {
        List<Arguments> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(SamTemplate.load().directory().resolve("events"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                // events/ also holds events as delivered (an object); only PutEvents entry files are arrays.
                if (!JSON.readTree(file.toFile()).isArray()) {
                    continue;
                }
                List<PutEventsEntry> entries = PutEventsEntry.read(file);
                for (int i = 0; i < entries.size(); i++) {
                    if (DETAIL_TYPE.equals(entries.get(i).detailType())) {
                        samples.add(arguments(file.getFileName() + "[" + i + "]", entries.get(i).detail()));
                    }
                }
            }
        }
        return samples.stream();
    }

    @Test
    void eventsHoldTheSingleAndTheBatchSamples() throws IOException {
        assertThat(samples().map(s -> String.valueOf(s.get()[0])))
                .contains("onboard-topic2.json[0]", "onboard-batch.json[0]", "plan-topic2.json[0]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void samplePassesTheSchemaAndTheParser(String sample, String detail) throws IOException {
        assertThat(schemaErrors(detail)).as(sample).isEmpty();
        OnboardingRequest request = parse(detail);
        assertThat(request.topics()).as(sample).isNotEmpty();
    }

    // ----- near-misses: refused by both, at the same field

    static Stream<Arguments> nearMisses() {
        return Stream.of(
                arguments("no topics", "{}", "topics"),
                arguments("topics not an array", "{'topics':{'name':'topic2'}}", "topics"),
                arguments("empty topics", "{'topics':[]}", "topics"),
                arguments("51 topics", topics(51), "topics"),
                arguments("unknown request field", "{'priority':'high','topics':[{'name':'topic2'}]}", "detail.priority"),
                arguments("topic without a name", "{'topics':[{'partitions':1}]}", "topics[0].name"),
                arguments("name with a space", topic("'name':'my topic'"), "topics[0].name"),
                arguments("name of 250 characters", topic("'name':'" + "a".repeat(250) + "'"), "topics[0].name"),
                arguments("name '..'", topic("'name':'..','schema':{'name':'topic2-value'}"), "topics[0].name"),
                arguments("Kafka's internal topic", topic("'name':'__consumer_offsets','schema':{'name':'topic2-value'}"), "topics[0].name"),
                arguments("a name Confluent reserves", topic("'name':'_confluent-monitoring','schema':{'name':'topic2-value'}"), "topics[0].name"),
                arguments("partitions 0", topic("'name':'topic2','partitions':0"), "topics[0].partitions"),
                arguments("partitions -1", topic("'name':'topic2','partitions':-1"), "topics[0].partitions"),
                arguments("partitions 5000", topic("'name':'topic2','partitions':5000"), "topics[0].partitions"),
                arguments("partitions \"3\"", topic("'name':'topic2','partitions':'3'"), "topics[0].partitions"),
                arguments("partitions wrong in the second topic",
                        "{'topics':[{'name':'topic2'},{'name':'orders','partitions':0,'schema':{'inline':{}}}]}", "topics[1].partitions"),
                arguments("unknown topic field (a typo)", topic("'name':'topic2','partition':3"), "topics[0].partition"),
                arguments("config name that is not Kafka's", topic("'name':'topic2','configs':{'Retention.MS':'1'}"),
                        "topics[0].configs.Retention.MS"),
                arguments("config value an object", topic("'name':'topic2','configs':{'retention.ms':{'value':1}}"),
                        "topics[0].configs.retention.ms"),
                arguments("schema with both name and inline", topic("'name':'topic2','schema':{'name':'topic2-value','inline':{}}"),
                        "topics[0].schema"),
                arguments("schema with neither name nor inline", topic("'name':'topic2','schema':{}"), "topics[0].schema"),
                arguments("schema name with a path", topic("'name':'topic2','schema':{'name':'../topic2-value'}"), "topics[0].schema.name"),
                arguments("inline schema that is no JSON Schema", topic("'name':'topic2','schema':{'inline':{'type':'bogus'}}"),
                        "topics[0].schema.inline"),
                arguments("tableFormats PARQUET", topic("'name':'topic2','tableFormats':['PARQUET']"), "topics[0].tableFormats[0]"),
                arguments("tableFormats empty", topic("'name':'topic2','tableFormats':[]"), "topics[0].tableFormats"),
                arguments("tableFormats DELTA alone (Glue syncs Iceberg only)", topic("'name':'topic2','tableFormats':['DELTA']"),
                        "topics[0].tableFormats"),
                arguments("partitions beyond a long", topic("'name':'topic2','partitions':18446744073709551617"), "topics[0].partitions"),
                arguments("requestId a number", "{'requestId':42,'topics':[{'name':'topic2'}]}", "requestId"),
                arguments("dryRun a string", "{'dryRun':'true','topics':[{'name':'topic2'}]}", "dryRun"),
                arguments("dryRun a number", "{'dryRun':1,'topics':[{'name':'topic2'}]}", "dryRun"),
                arguments("inline schema a boolean", topic("'name':'topic2','schema':{'inline':true}"), "topics[0].schema.inline"),
                arguments("tableFormats twice the same", topic("'name':'topic2','tableFormats':['ICEBERG','ICEBERG']"),
                        "topics[0].tableFormats[1]"),
                arguments("errorHandling IGNORE", topic("'name':'topic2','errorHandling':'IGNORE'"), "topics[0].errorHandling"),
                arguments("errorHandling lower case", topic("'name':'topic2','errorHandling':'skip'"), "topics[0].errorHandling"),
                arguments("retentionMs 1000", topic("'name':'topic2','retentionMs':1000"), "topics[0].retentionMs"),
                arguments("retentionMs of one hour, under TableFlow's 24", topic("'name':'topic2','retentionMs':3600000"), "topics[0].retentionMs"),
                arguments("retentionMs as a string", topic("'name':'topic2','retentionMs':'86400000'"), "topics[0].retentionMs"),
                arguments("errorLogTopic without errorHandling LOG", topic("'name':'topic2','errorLogTopic':'topic2_errors'"),
                        "topics[0].errorLogTopic"),
                arguments("errorLogTopic a Kafka internal name", topic("'name':'topic2','errorHandling':'LOG','errorLogTopic':'__errors'"),
                        "topics[0].errorLogTopic"),
                arguments("errorLogTopic '..'", topic("'name':'topic2','errorHandling':'LOG','errorLogTopic':'..'"), "topics[0].errorLogTopic"),
                arguments("errorLogTopic with a space", topic("'name':'topic2','errorHandling':'LOG','errorLogTopic':'bad records'"),
                        "topics[0].errorLogTopic"),
                arguments("errorLogTopic a number", topic("'name':'topic2','errorHandling':'LOG','errorLogTopic':7"), "topics[0].errorLogTopic"),
                arguments("dataRetentionMs a millisecond under 30 days", topic("'name':'topic2','dataRetentionMs':2591999999"),
                        "topics[0].dataRetentionMs"),
                arguments("dataRetentionMs as a string", topic("'name':'topic2','dataRetentionMs':'2592000000'"), "topics[0].dataRetentionMs"),
                arguments("metadataColumnNamingScheme lower case", topic("'name':'topic2','metadataColumnNamingScheme':'portable'"),
                        "topics[0].metadataColumnNamingScheme"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nearMisses")
    void nearMissIsRefusedByTheSchemaAndTheParserAtTheSameField(String why, String detail, String field) {
        String json = json(detail);
        List<Error> errors = schemaErrors(json);
        assertThat(errors).as("the schema accepts: " + why).isNotEmpty();
        // Each error sits on the path to the field (a missing or unknown property is reported on its parent).
        List<String> fieldPath = segments(field);
        for (Error error : errors) {
            List<String> at = segments(error.getInstanceLocation());
            assertThat(isPrefix(at, fieldPath) || isPrefix(fieldPath, at))
                    .as("%s: the schema refuses %s (%s), not %s", why, at, error.getMessage(), field).isTrue();
        }
        assertThatThrownBy(() -> parse(json)).as("the parser accepts: " + why)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid " + field + ":");
    }

    /** Limits on the edge are inside: the near-misses above are refused for what they change, nothing else. */
    static Stream<Arguments> acceptedEdges() {
        String draft2020 = "{'$schema':'https://json-schema.org/draft/2020-12/schema','type':'object',"
                + "'$defs':{'id':{'type':'string'}},'properties':{'id':{'$ref':'#/$defs/id'}}}";
        return Stream.of(
                arguments("only a name (defaults apply)", topic("'name':'topic2'")),
                arguments("a requestId", "{'requestId':'2026-11-21-topic2','topics':[{'name':'topic2'}]}"),
                arguments("a dry run", "{'dryRun':true,'topics':[{'name':'topic2'}]}"),
                arguments("dryRun false, an apply", "{'dryRun':false,'topics':[{'name':'topic2'}]}"),
                arguments("50 topics", topics(50)),
                arguments("name of 1 character", topic("'name':'a','schema':{'name':'topic2-value'}")),
                arguments("name of 249 characters", topic("'name':'" + "a".repeat(249) + "','schema':{'name':'topic2-value'}")),
                arguments("name of every allowed kind of character", topic("'name':'Orders_v2.eu-west','schema':{'name':'topic2-value'}")),
                arguments("name '...'", topic("'name':'...','schema':{'name':'topic2-value'}")),
                arguments("one leading underscore", topic("'name':'_orders','schema':{'name':'topic2-value'}")),
                arguments("partitions 1", topic("'name':'topic2','partitions':1")),
                arguments("partitions 4096", topic("'name':'topic2','partitions':4096")),
                arguments("configs of every value type",
                        topic("'name':'topic2','configs':{'cleanup.policy':'delete','retention.ms':604800000,'confluent.value.schema.validation':true}")),
                arguments("empty inline schema", topic("'name':'topic2','schema':{'inline':{}}")),
                arguments("inline draft 2020-12 schema", topic("'name':'topic2','schema':{'inline':" + draft2020 + "}")),
                arguments("both table formats", topic("'name':'topic2','tableFormats':['DELTA','ICEBERG']")),
                arguments("errorHandling SUSPEND", topic("'name':'topic2','errorHandling':'SUSPEND'")),
                arguments("errorHandling LOG", topic("'name':'topic2','errorHandling':'LOG'")),
                arguments("retentionMs of 24 hours, TableFlow's minimum", topic("'name':'topic2','retentionMs':86400000")),
                arguments("retentionMs beyond an int", topic("'name':'topic2','retentionMs':31536000000")),
                arguments("errorHandling LOG with a dead-letter topic", topic("'name':'topic2','errorHandling':'LOG','errorLogTopic':'topic2_errors'")),
                arguments("dataRetentionMs of 30 days, TableFlow's minimum", topic("'name':'topic2','dataRetentionMs':2592000000")),
                arguments("metadataColumnNamingScheme PORTABLE", topic("'name':'topic2','metadataColumnNamingScheme':'PORTABLE'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedEdges")
    void edgeIsAcceptedByTheSchemaAndTheParser(String why, String detail) {
        String json = json(detail);
        assertThat(schemaErrors(json)).as(why).isEmpty();
        assertThat(parse(json).topics()).as(why).isNotEmpty();
    }

    // ----- what only the parser can check (the schema's $comment lists these)

    static Stream<Arguments> parserOnlyChecks() {
        String big = "{'description':'" + "x".repeat(33 * 1024) + "'}";
        String large = "{'description':'" + "x".repeat(30 * 1024) + "'}";
        String fiveLarge = IntStream.range(0, 5).mapToObj(i -> "{'name':'large" + i + "','schema':{'inline':" + large + "}}")
                .collect(Collectors.joining(",", "{'topics':[", "]}"));
        return Stream.of(
                arguments("the same topic twice", "{'topics':[{'name':'topic2'},{'name':'topic2','partitions':3}]}", "topics[1].name"),
                arguments("two names for one Glue table", "{'topics':[{'name':'orders','schema':{'inline':{}}},{'name':'Orders','schema':{'inline':{}}}]}",
                        "topics[1].name"),
                arguments("a named schema that does not ship", topic("'name':'orders','schema':{'name':'orders-value'}"), "topics[0].schema.name"),
                arguments("a default schema that does not ship", topic("'name':'orders'"), "topics[0].schema.name"),
                arguments("an inline schema over 32 KB", topic("'name':'topic2','schema':{'inline':" + big + "}"), "topics[0].schema.inline"),
                arguments("a request over 128 KB", fiveLarge, "topics"),
                // JSON Schema counts 3.0 as an integer; the parser wants it written as one.
                arguments("partitions 3.0", topic("'name':'topic2','partitions':3.0"), "topics[0].partitions"),
                arguments("a dead-letter topic that is the topic itself", topic("'name':'topic2','errorHandling':'LOG','errorLogTopic':'topic2'"),
                        "topics[0].errorLogTopic"),
                arguments("a dead-letter topic the request onboards too",
                        "{'topics':[{'name':'topic2','errorHandling':'LOG','errorLogTopic':'orders'},{'name':'orders','schema':{'inline':{}}}]}",
                        "topics[0].errorLogTopic"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parserOnlyChecks")
    void parserRefusesWhatTheSchemaCannotExpress(String why, String detail, String field) {
        String json = json(detail);
        assertThat(schemaErrors(json)).as("the schema now checks this: move it to nearMisses: " + why).isEmpty();
        assertThatThrownBy(() -> parse(json)).as(why)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid " + field + ":");
    }

    // ----- helpers

    private static List<Error> schemaErrors(String detail) {
        return schema.validate(detail, InputFormat.JSON);
    }

    private static OnboardingRequest parse(String detail) {
        try {
            JsonNode node = JSON.readTree(detail);
            return OnboardingRequest.parse(new StepContext("Test", "request"), node);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + detail, e);
        }
    }

    /**
     * The parser's field name ({@code topics[0].partitions}, {@code detail.priority}) as path segments. A config name
     * is one segment, dots included ({@code topics[0].configs.retention.ms}).
     */
    private static List<String> segments(String field) {
        String[] configKey = field.split("\\.configs\\.", 2);
        String path = configKey[0].replaceFirst("^detail\\.?", "").replaceAll("\\[(\\d+)]", ".$1");
        List<String> segments = new ArrayList<>(path.isEmpty() ? List.of() : Arrays.asList(path.split("\\.")));
        if (configKey.length == 2) {
            segments.addAll(List.of("configs", configKey[1]));
        }
        return segments;
    }

    private static List<String> segments(NodePath location) {
        return IntStream.range(0, location.getNameCount()).mapToObj(location::getName).toList();
    }

    private static boolean isPrefix(List<String> prefix, List<String> path) {
        return prefix.size() <= path.size() && path.subList(0, prefix.size()).equals(prefix);
    }
}
