package dev.tableflow.onboarding.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.lambda.FunctionSpec;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import dev.tableflow.onboarding.testbed.lambda.SamTemplate;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.tableflow.onboarding.request.RequestJson.json;
import static dev.tableflow.onboarding.request.RequestJson.topic;
import static dev.tableflow.onboarding.request.RequestJson.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The bad-input catalogue: onboarding events and deployment parameters that cannot succeed, each refused by the
 * packaged function before anything is written anywhere, with an error that names the field (or the variable an
 * operator sets through a stack parameter).
 * <p>
 * Events go through the real intake ({@code StartOnboardingFunction}) as EventBridge delivers them; a request that
 * passes the intake starts an execution, so "no execution started" is the proof nothing downstream ran. Deployment
 * parameters are checked by the first step of each workflow ({@code EnsureProviderIntegration},
 * {@code EnsureKafkaApiKey}), here started as their own functions with one parameter changed. The table in
 * RELIABILITY.md is what this test writes to {@code target/reliability/bad-input-catalogue.md}.
 */
class BadInputIT extends WorkflowTestBase {

    static final String INVALID = "dev.tableflow.onboarding.errors.InvalidInputException";
    static final Path CATALOGUE = Path.of("target", "reliability", "bad-input-catalogue.md");
    private static final Pattern INTAKE_PREFIX = Pattern.compile("^StartOnboarding: onboarding request [^:]*: ");

    private static final List<String> eventRows = new ArrayList<>();
    private static final List<String> deploymentRows = new ArrayList<>();
    private static LocalLambdaService misconfigured;

    @BeforeAll
    static void emptyClouds() {
        bed.reset();
    }

    @AfterAll
    static void writeCatalogue() throws IOException {
        if (misconfigured != null) {
            misconfigured.close();
        }
        List<String> lines = new ArrayList<>();
        lines.add("| # | Bad event | Field named | Error seen |");
        lines.add("|---|---|---|---|");
        for (int i = 0; i < eventRows.size(); i++) {
            lines.add("| " + (i + 1) + " " + eventRows.get(i));
        }
        lines.add("");
        lines.add("| # | Bad deployment parameter | Step | Field named | Error seen |");
        lines.add("|---|---|---|---|---|");
        for (int i = 0; i < deploymentRows.size(); i++) {
            lines.add("| " + (i + 1) + " " + deploymentRows.get(i));
        }
        Files.createDirectories(CATALOGUE.getParent());
        Files.write(CATALOGUE, lines);
    }

    // ----- onboarding events

    static Stream<Arguments> badEvents() {
        String big = "{'description':'" + "x".repeat(33 * 1024) + "'}";
        String large = "{'description':'" + "x".repeat(30 * 1024) + "'}";
        String oversized = IntStream.range(0, 9).mapToObj(i -> "{'name':'large" + i + "','schema':{'inline':" + large + "}}")
                .collect(Collectors.joining(",", "{'topics':[", "]}"));
        return Stream.of(
                // the payload and the detail as a whole
                arguments("an event that is not JSON (cut off mid-way)", RAW + "{\"version\":\"0\",\"detail\":{\"topics\":[{\"name\":", "topics[0].name"),
                arguments("detail a JSON string instead of an object", "'{\\\"topics\\\":[]}'", "detail"),
                arguments("detail an array", "[{'name':'topic2'}]", "detail"),
                arguments("detail null", "null", "detail"),
                arguments("detail without topics", "{}", "topics"),
                arguments("topics an object, not an array", "{'topics':{'name':'topic2'}}", "topics"),
                arguments("topics empty", "{'topics':[]}", "topics"),
                arguments("51 topics", topics(51), "topics"),
                arguments("unknown request field", "{'priority':'high','topics':[{'name':'topic2'}]}", "detail.priority"),
                arguments("requestId a number", "{'requestId':42,'topics':[{'name':'topic2'}]}", "requestId"),
                arguments("requestId with a slash and a space", "{'requestId':'team a/1','topics':[{'name':'topic2'}]}", "requestId"),
                // topic names
                arguments("a topic that is a string", "{'topics':['topic2']}", "topics[0]"),
                arguments("topic without a name", topic("'partitions':1"), "topics[0].name"),
                arguments("name a number", topic("'name':42"), "topics[0].name"),
                arguments("name empty", topic("'name':''"), "topics[0].name"),
                arguments("name with a space", topic("'name':'my topic'"), "topics[0].name"),
                arguments("name with a slash", topic("'name':'orders/eu'"), "topics[0].name"),
                arguments("name with a non-ASCII letter", topic("'name':'bestellungen-\u00fc'"), "topics[0].name"),
                arguments("name of 250 characters", topic("'name':'" + "a".repeat(250) + "'"), "topics[0].name"),
                arguments("name '..'", topic("'name':'..','schema':{'name':'topic2-value'}"), "topics[0].name"),
                arguments("the same topic twice", "{'topics':[{'name':'topic2'},{'name':'topic2','partitions':3}]}", "topics[1].name"),
                arguments("two names for one Glue table (orders, Orders)",
                        "{'topics':[{'name':'orders','schema':{'inline':{}}},{'name':'Orders','schema':{'inline':{}}}]}", "topics[1].name"),
                arguments("Kafka's internal topic (__consumer_offsets)", topic("'name':'__consumer_offsets','schema':{'inline':{}}"), "topics[0].name"),
                arguments("a name Confluent reserves (_confluent-monitoring)", topic("'name':'_confluent-monitoring','schema':{'inline':{}}"),
                        "topics[0].name"),
                // partitions
                arguments("partitions 0", topic("'name':'topic2','partitions':0"), "topics[0].partitions"),
                arguments("partitions -1", topic("'name':'topic2','partitions':-1"), "topics[0].partitions"),
                arguments("partitions 5000 (over Confluent's 4096)", topic("'name':'topic2','partitions':5000"), "topics[0].partitions"),
                arguments("partitions beyond a long", topic("'name':'topic2','partitions':18446744073709551617"), "topics[0].partitions"),
                arguments("partitions 1.5", topic("'name':'topic2','partitions':1.5"), "topics[0].partitions"),
                arguments("partitions \"3\"", topic("'name':'topic2','partitions':'3'"), "topics[0].partitions"),
                arguments("partitions 0 in the second topic only",
                        "{'topics':[{'name':'topic2'},{'name':'orders','partitions':0,'schema':{'inline':{}}}]}", "topics[1].partitions"),
                arguments("a misspelt field (partition)", topic("'name':'topic2','partition':3"), "topics[0].partition"),
                // configs
                arguments("configs an array", topic("'name':'topic2','configs':['retention.ms=1']"), "topics[0].configs"),
                arguments("config name that is not Kafka's", topic("'name':'topic2','configs':{'Retention.MS':'1'}"), "topics[0].configs.Retention.MS"),
                arguments("config value an object", topic("'name':'topic2','configs':{'retention.ms':{'value':1}}"), "topics[0].configs.retention.ms"),
                // schemas
                arguments("schema with both name and inline", topic("'name':'topic2','schema':{'name':'topic2-value','inline':{}}"), "topics[0].schema"),
                arguments("schema with neither name nor inline", topic("'name':'topic2','schema':{}"), "topics[0].schema"),
                arguments("schema name with a path", topic("'name':'topic2','schema':{'name':'../topic2-value'}"), "topics[0].schema.name"),
                arguments("schema name that does not ship", topic("'name':'orders','schema':{'name':'orders-value'}"), "topics[0].schema.name"),
                arguments("no schema, and none ships for the topic", topic("'name':'orders'"), "topics[0].schema.name"),
                arguments("inline schema not JSON (a string)", topic("'name':'topic2','schema':{'inline':'type: object'}"), "topics[0].schema.inline"),
                arguments("inline schema not a valid JSON Schema", topic("'name':'topic2','schema':{'inline':{'type':'bogus'}}"), "topics[0].schema.inline"),
                arguments("inline schema with a bad keyword value", topic("'name':'topic2','schema':{'inline':{'type':'object','required':'id'}}"),
                        "topics[0].schema.inline"),
                arguments("inline schema over 32 KB", topic("'name':'topic2','schema':{'inline':" + big + "}"), "topics[0].schema.inline"),
                // the JSON Schema check resolves nothing from outside the document (RELIABILITY.md, Trust boundaries)
                arguments("inline schema whose $schema is a file of the deployable", topic("'name':'topic2','schema':{'inline':"
                        + "{'$schema':'classpath:schemas/json/values/topic2-value.json','type':'bogus'}}"), "topics[0].schema.inline"),
                arguments("inline schema whose $schema is a resource: URI", topic("'name':'topic2','schema':{'inline':"
                        + "{'$schema':'resource:/schemas/json/values/topic2-value.json','type':'bogus'}}"), "topics[0].schema.inline"),
                arguments("inline schema with a remote $ref", topic("'name':'topic2','schema':{'inline':"
                        + "{'type':'object','properties':{'a':{'$ref':'https://schemas.example.com/a.json'}}}}"), "topics[0].schema.inline"),
                arguments("inline schema nested 40 levels deep", topic("'name':'topic2','schema':{'inline':"
                        + "{'not':".repeat(40) + "{}" + "}".repeat(40) + "}"), "topics[0].schema.inline"),
                arguments("event over 256 KB (nine 30 KB schemas)", oversized, "topics"),
                arguments("topic name of 300 KB", topic("'name':'" + "n".repeat(300 * 1024) + "'"), "topics[0].name"),
                // table formats, error handling, retention
                arguments("tableFormats PARQUET", topic("'name':'topic2','tableFormats':['PARQUET']"), "topics[0].tableFormats[0]"),
                arguments("tableFormats empty", topic("'name':'topic2','tableFormats':[]"), "topics[0].tableFormats"),
                arguments("tableFormats a string", topic("'name':'topic2','tableFormats':'ICEBERG'"), "topics[0].tableFormats"),
                arguments("tableFormats DELTA alone (Glue syncs Iceberg only)", topic("'name':'topic2','tableFormats':['DELTA']"), "topics[0].tableFormats"),
                arguments("errorHandling IGNORE", topic("'name':'topic2','errorHandling':'IGNORE'"), "topics[0].errorHandling"),
                arguments("errorHandling in lower case", topic("'name':'topic2','errorHandling':'skip'"), "topics[0].errorHandling"),
                arguments("retentionMs 1000", topic("'name':'topic2','retentionMs':1000"), "topics[0].retentionMs"),
                arguments("retentionMs of one hour (TableFlow's minimum is 24)", topic("'name':'topic2','retentionMs':3600000"), "topics[0].retentionMs"),
                arguments("retentionMs a string", topic("'name':'topic2','retentionMs':'86400000'"), "topics[0].retentionMs"));
    }

    /** Marks a payload sent to the intake as it is, instead of as the detail of an EventBridge event. */
    static final String RAW = "raw:";

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void badEventIsRefusedByTheIntakeBeforeAnyCall(String why, String detail, String field) {
        long confluentRequests = bed.confluent.requests().all().size();
        bed.aws.reset();

        Invocation intake = detail.startsWith(RAW)
                ? bed.lambda.invoke("StartOnboardingFunction", detail.substring(RAW.length()))
                : bed.requestOnboarding(json(detail));

        assertThat(intake.failed()).as(why).isTrue();
        List<JsonNode> answers = bed.outcomeEvents();
        // The intake reads the event itself (runtime/StrictJson): one it cannot read is named where it stops, and answered.
        assertThat(intake.errorType()).isEqualTo(INVALID);
        assertThat(intake.errorMessage()).as(why).containsPattern(INTAKE_PREFIX).contains(": invalid " + field + ": ");
        assertThat(intake.errorMessage().length()).as("a huge value is not echoed").isLessThan(1000);
        // The sender's answer, on the bus: the only AWS call.
        assertThat(bed.aws.calls()).as("AWS calls").extracting(c -> c.operation().action()).containsExactly("PutEvents");
        assertThat(answers).hasSize(1);
        JsonNode rejection = answers.get(0);
        assertThat(rejection.path("detail-type").asText()).isEqualTo("OnboardingRequestRejected");
        assertThat(rejection.path("detail").path("cause").asText()).as(why).startsWith("invalid " + field + ": ");
        assertThat(rejection.path("detail").path("step").asText()).isEqualTo("StartOnboarding");
        assertThat(rejection.toString().length()).as("a huge value is not echoed").isLessThan(2000);
        assertThat(bed.confluent.requests().all()).as("Confluent calls").hasSize((int) confluentRequests);
        assertThat(bed.startedExecutions()).as("executions started").isEmpty();
        eventRows.add("| " + why + " | `" + field + "` | " + intake.errorType().replaceAll(".*\\.", "") + ": "
                + cell(INTAKE_PREFIX.matcher(intake.errorMessage()).replaceFirst("")) + " |");
    }

    /**
     * The onboarding workflow can be started without the intake (from the console, say): EnsureTopic, its first step
     * that creates anything, still refuses a schema that is no JSON Schema before the topic exists.
     */
    @Test
    void aBadInlineSchemaIsRefusedByEnsureTopicBeforeTheTopicExists() {
        int confluentRequests = bed.confluent.requests().all().size();
        bed.aws.reset();

        Invocation step = bed.lambda.invoke("EnsureTopicFunction", json(
                "{'topic':{'name':'topic2','schema':{'inline':{'type':'bogus'}}}}"));

        assertThat(step.failed()).isTrue();
        assertThat(step.errorType()).as(step.errorMessage()).isEqualTo(INVALID);
        assertThat(step.errorMessage()).startsWith("EnsureTopic: ").contains(": invalid topic.schema.inline: not a valid JSON Schema");
        assertThat(bed.confluent.requests().all()).as("Confluent calls").hasSize(confluentRequests);
        assertThat(bed.aws.calls()).as("AWS calls").isEmpty();
    }

    // ----- deployment parameters

    /**
     * Each case is one parameter changed from the test bed's working deployment, run by the first step of a workflow;
     * the expected error is InvalidInputException for a malformed value, TerminalException for a well-formed one that
     * names nothing that exists.
     */
    static Stream<Arguments> badDeployments() {
        String terminal = TERMINAL;
        return Stream.of(
                arguments("customer role ARN of a user", "EnsureProviderIntegration", "TABLEFLOW_CUSTOMER_ROLE_ARN",
                        "arn:aws:iam::123456789012:user/tableflow", INVALID, "TABLEFLOW_CUSTOMER_ROLE_ARN"),
                arguments("customer role ARN with an 11-digit account", "EnsureProviderIntegration", "TABLEFLOW_CUSTOMER_ROLE_ARN",
                        "arn:aws:iam::12345678901:role/tableflow", INVALID, "TABLEFLOW_CUSTOMER_ROLE_ARN"),
                arguments("customer role given by name, not ARN", "EnsureKafkaApiKey", "TABLEFLOW_CUSTOMER_ROLE_ARN",
                        "tableflow-dev-glue-access", INVALID, "TABLEFLOW_CUSTOMER_ROLE_ARN"),
                arguments("bucket name with upper case and an underscore", "EnsureProviderIntegration", "TABLEFLOW_BUCKET_NAME",
                        "Acme_Tableflow", INVALID, "TABLEFLOW_BUCKET_NAME"),
                arguments("bucket name of 2 characters", "EnsureKafkaApiKey", "TABLEFLOW_BUCKET_NAME", "ab", INVALID, "TABLEFLOW_BUCKET_NAME"),
                arguments("bucket given as an s3:// URL", "EnsureProviderIntegration", "TABLEFLOW_BUCKET_NAME",
                        "s3://acme-tableflow-dev", INVALID, "TABLEFLOW_BUCKET_NAME"),
                arguments("environment name with upper case", "EnsureProviderIntegration", "TABLEFLOW_ENVIRONMENT_NAME", "Dev",
                        INVALID, "TABLEFLOW_ENVIRONMENT_NAME"),
                arguments("environment name of 21 characters", "EnsureKafkaApiKey", "TABLEFLOW_ENVIRONMENT_NAME", "d".repeat(21),
                        INVALID, "TABLEFLOW_ENVIRONMENT_NAME"),
                arguments("region qualifier written as a region name", "EnsureProviderIntegration", "TABLEFLOW_REGION_QUALIFIER", "eu-west-1",
                        INVALID, "TABLEFLOW_REGION_QUALIFIER"),
                arguments("Confluent environment id without env-", "EnsureProviderIntegration", "TABLEFLOW_CONFLUENT_ENVIRONMENT_ID",
                        "abc123", INVALID, "TABLEFLOW_CONFLUENT_ENVIRONMENT_ID"),
                arguments("Kafka cluster id of a Schema Registry", "EnsureProviderIntegration", "TABLEFLOW_KAFKA_CLUSTER_ID", "lsrc-abc123",
                        INVALID, "TABLEFLOW_KAFKA_CLUSTER_ID"),
                arguments("service account id of a user", "EnsureKafkaApiKey", "TABLEFLOW_SERVICE_ACCOUNT_ID", "u-abc123",
                        INVALID, "TABLEFLOW_SERVICE_ACCOUNT_ID"),
                arguments("Kafka REST endpoint that is not a URL", "EnsureKafkaApiKey", "TABLEFLOW_KAFKA_REST_ENDPOINT", "pkc-abc.confluent.cloud",
                        INVALID, "TABLEFLOW_KAFKA_REST_ENDPOINT"),
                arguments("unknown Confluent environment", "EnsureProviderIntegration", "TABLEFLOW_CONFLUENT_ENVIRONMENT_ID", "env-doesnotexist",
                        terminal, "env-doesnotexist"),
                arguments("unknown Confluent environment", "EnsureKafkaApiKey", "TABLEFLOW_CONFLUENT_ENVIRONMENT_ID", "env-doesnotexist",
                        terminal, "env-doesnotexist"),
                arguments("unknown Kafka cluster", "EnsureProviderIntegration", "TABLEFLOW_KAFKA_CLUSTER_ID", "lkc-doesnotexist",
                        terminal, "lkc-doesnotexist"),
                arguments("Cloud API key secret that does not exist", "EnsureProviderIntegration", "TABLEFLOW_CLOUD_API_KEY_SECRET",
                        "no-such-secret", terminal, "no-such-secret"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("badDeployments")
    void badDeploymentIsRefusedByTheFirstStepBeforeAnyWrite(String why, String step, String variable, String value,
                                                            String errorType, String named) {
        long confluentWrites = bed.confluent.writes();
        int confluentRequests = bed.confluent.requests().all().size();
        bed.aws.reset();

        Invocation invocation = misconfigured().invoke(functionName(step, variable, value), "{}");

        assertThat(invocation.failed()).as(why).isTrue();
        assertThat(invocation.errorType()).as(invocation.errorMessage()).isEqualTo(errorType);
        // The Cloud API key is read when the first Confluent call needs it, so that message names no step.
        String context = variable.equals("TABLEFLOW_CLOUD_API_KEY_SECRET") ? "Configuration" : step;
        assertThat(invocation.errorMessage()).startsWith(context + ": ").contains(named);
        if (errorType.equals(INVALID)) {
            assertThat(invocation.errorMessage()).contains(": invalid " + variable + ": ");
        }
        assertThat(bed.confluent.writes()).as("Confluent writes").isEqualTo(confluentWrites);
        assertThat(bed.confluent.requests().all().size() - confluentRequests).as("Confluent requests: at most the cluster look-up")
                .isLessThanOrEqualTo(1);
        assertThat(bed.aws.writes()).as("AWS writes: " + bed.aws.calls()).isZero();
        deploymentRows.add("| " + why + " (`" + value + "`) | " + step + " | `" + named + "` | "
                + invocation.errorType().replaceAll(".*\\.", "") + ": " + cell(invocation.errorMessage()) + " |");
    }

    /**
     * The two first steps, once per bad parameter, against the test bed's Confluent server and AWS proxy. Functions
     * start on their first invocation; each gets the whole deployment configuration with the one value changed.
     */
    private static synchronized LocalLambdaService misconfigured() {
        if (misconfigured == null) {
            Map<String, FunctionSpec> template = SamTemplate.load(Path.of("template.yaml")).functions();
            Map<String, String> working = TestBed.environment(bed.confluent, bed.aws.endpoint(),
                    "arn:aws:states:" + TestBed.REGION + ":" + TestBed.ACCOUNT + ":stateMachine:OnboardingStateMachine");
            LocalLambdaService.Builder builder = LocalLambdaService
                    .builder(Path.of(System.getProperty("testbed.functionZip", "target/function.zip"))).region(TestBed.REGION);
            badDeployments().map(Arguments::get).forEach(c -> {
                String step = (String) c[1];
                FunctionSpec first = template.get(step + "Function");
                Map<String, String> environment = new LinkedHashMap<>(first.environment());
                environment.putAll(working);
                environment.put((String) c[2], (String) c[3]);
                builder.function(new FunctionSpec(functionName(step, (String) c[2], (String) c[3]), first.handler(), first.timeout(),
                        first.memoryMb(), environment, Set.of()));
            });
            misconfigured = builder.start();
        }
        return misconfigured;
    }

    private static String functionName(String step, String variable, String value) {
        return step + "-" + variable.replace("TABLEFLOW_", "") + "-" + Integer.toHexString(value.hashCode());
    }

    // ----- helpers

    /** A message as a Markdown table cell. */
    private static String cell(String message) {
        String oneLine = message.replace("\n", " ").replace("|", "\\|");
        return oneLine.length() > 220 ? oneLine.substring(0, 217) + "..." : oneLine;
    }
}
