package dev.tableflow.onboarding.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.aws.AwsCall;
import dev.tableflow.onboarding.testbed.confluent.CloudHttp;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan before apply (README): a dry run of an onboarding request goes through the intake and the real onboarding ASL,
 * answers with one TopicOnboardingPlanned event naming every action the apply would take, writes nothing on either
 * cloud (the test bed's write counters), and the apply of the same topics then does exactly what the plan said.
 */
class PlanIT extends WorkflowTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "{'type':'object','properties':{'id':{'type':'string'}}}".replace('\'', '"');
    private static final String INCOMPATIBLE = "{'type':'object','properties':{'id':{'type':'string'},'amount':{'type':'number'}},'required':['amount']}"
            .replace('\'', '"');
    /** What an apply reports having done (Ensure.Outcome) for each planned action. */
    private static final Map<String, String> APPLIED = Map.of("CREATE", "CREATED", "ADOPT", "ADOPTED", "UPDATE", "UPDATED", "REPLACE", "REPLACED");
    /** The AWS calls a dry run makes that are not reads: starting its own execution, and publishing its answer. */
    private static final Set<String> OWN_MACHINERY = Set.of("StartExecution", "PutEvents");

    @BeforeEach
    void bootstrap() {
        resetAndBootstrap();
    }

    @Test
    void aPlanOnAFreshEnvironmentCreatesNoKeyAndTheApplyCreatesWhatItSaid() throws Exception {
        JsonNode plan = planWritingNothing(dryRun(TestBed.sampleDetail("onboard-topic2.json")));

        assertThat(plan.path("apiKeys").findValuesAsText("action")).containsExactly("CREATE", "CREATE");
        JsonNode topic2 = single(List.copyOf(byTopic(plan).values()));
        assertThat(topic2.path("topic").asText()).isEqualTo("topic2");
        assertThat(actions(topic2)).containsExactly(Map.entry("kafkaTopic", "UNKNOWN"), Map.entry("schema", "UNKNOWN"),
                Map.entry("tableflowTopic", "CREATE"));
        assertThat(topic2.path("resources").get(0).path("reason").asText()).contains("EnsureKafkaApiKey would create it");
        assertThat(topic2.path("action").asText()).isEqualTo("CREATE");

        ExecutionResult apply = bed.onboard(TestBed.sampleDetail("onboard-topic2.json"));

        assertThat(apply.status()).as(apply.cause()).isEqualTo("SUCCEEDED");
        assertThat(apply.output().path("kafka").path("outcome").asText()).isEqualTo("CREATED");
        assertThat(apply.output().path("schemaRegistry").path("outcome").asText()).isEqualTo("CREATED");
        assertThat(outcomesOf(apply, "EnsureTableflowTopic", "tableflowEnabled")).containsEntry("topic2", "CREATED");
        assertThat(detailTypes()).containsEntry("topic2", "TopicOnboarded");
    }

    @Test
    void everyKindOfActionIsPlannedForItsTopicAndTheApplyDoesWhatThePlanSaid() throws Exception {
        ExecutionResult first = bed.onboard("""
                {"topics":[{"name":"topic2"},{"name":"steady","schema":{"inline":%s}},{"name":"legacy","schema":{"inline":%s}}]}"""
                .formatted(SCHEMA, SCHEMA));
        assertThat(first.status()).as(first.cause()).isEqualTo("SUCCEEDED");
        assertThat(detailTypes()).containsOnlyKeys("topic2", "steady", "legacy").doesNotContainValue("TopicOnboardingFailed");
        String cluster = bed.confluent.kafkaClusterId();
        bed.confluent.kafka().createTopic(cluster, "grow", 2);
        bed.confluent.kafka().createTopic(cluster, "shrink", 6);
        registerSchema("incompatible-value", SCHEMA);
        enableTableflowInAnotherBucket("elsewhere");
        String request = """
                {"topics":[{"name":"topic2"},
                           {"name":"steady","tableFormats":["ICEBERG","DELTA"],"schema":{"inline":%1$s}},
                           {"name":"grow","partitions":4,"configs":{"retention.ms":"86400000"},"schema":{"inline":%1$s}},
                           {"name":"shrink","partitions":3,"schema":{"inline":%1$s}},
                           {"name":"incompatible","schema":{"inline":%2$s}},
                           {"name":"elsewhere","schema":{"inline":%1$s}},
                           {"name":"LEGACY","schema":{"inline":%1$s}},
                           {"name":"fresh","schema":{"inline":%1$s}}]}""".formatted(SCHEMA, INCOMPATIBLE);

        JsonNode plan = planWritingNothing(dryRun(request));

        assertThat(plan.path("apiKeys").findValuesAsText("action")).containsExactly("ADOPT", "ADOPT");
        Map<String, JsonNode> topics = byTopic(plan);
        assertThat(topics.keySet()).containsExactly("topic2", "steady", "grow", "shrink", "incompatible", "elsewhere", "LEGACY", "fresh");
        assertPlanned(topics.get("topic2"), "ADOPT", "kafkaTopic", "ADOPT", "schema", "ADOPT", "tableflowTopic", "ADOPT");
        assertPlanned(topics.get("steady"), "UPDATE", "kafkaTopic", "ADOPT", "schema", "ADOPT", "tableflowTopic", "UPDATE");
        assertThat(reason(topics.get("steady"), "tableflowTopic")).isEqualTo("table_formats [ICEBERG] -> [ICEBERG, DELTA]");
        assertPlanned(topics.get("grow"), "CREATE", "kafkaTopic", "UPDATE", "schema", "CREATE", "tableflowTopic", "CREATE");
        assertThat(reason(topics.get("grow"), "kafkaTopic")).isEqualTo("partitions 2 -> 4; retention.ms -> 86400000");
        assertPlanned(topics.get("shrink"), "REFUSE", "kafkaTopic", "REFUSE");
        assertThat(reason(topics.get("shrink"), "kafkaTopic")).contains("has 6 partitions and 3 were asked for");
        assertPlanned(topics.get("incompatible"), "REFUSE", "kafkaTopic", "CREATE", "schema", "REFUSE");
        assertThat(reason(topics.get("incompatible"), "schema")).contains("incompatible").contains("amount");
        assertPlanned(topics.get("elsewhere"), "REFUSE", "kafkaTopic", "ADOPT", "schema", "CREATE", "tableflowTopic", "REFUSE");
        assertThat(reason(topics.get("elsewhere"), "tableflowTopic")).contains("someone-elses-bucket").contains("storage cannot change");
        assertPlanned(topics.get("LEGACY"), "REFUSE", "kafkaTopic", "REFUSE");
        assertThat(reason(topics.get("LEGACY"), "kafkaTopic")).contains("which topic 'legacy' already has");
        assertThat(topics.get("LEGACY").path("refusal").path("errorType").asText()).isEqualTo("dev.tableflow.onboarding.errors.InvalidInputException");
        assertPlanned(topics.get("fresh"), "CREATE", "kafkaTopic", "CREATE", "schema", "CREATE", "tableflowTopic", "CREATE");

        ExecutionResult apply = bed.onboard(request);

        assertThat(apply.status()).as(apply.cause()).isEqualTo("SUCCEEDED");
        Map<String, String> detailTypes = detailTypes();
        Map<String, Map<String, String>> applied = Map.of("kafkaTopic", outcomesOf(apply, "EnsureTopic", "kafkaTopic"),
                "schema", outcomesOf(apply, "EnsureSchema", "schema"), "tableflowTopic", outcomesOf(apply, "EnsureTableflowTopic", "tableflowEnabled"));
        for (JsonNode topic : topics.values()) {
            String name = topic.path("topic").asText();
            boolean refused = topic.path("action").asText().equals("REFUSE");
            assertThat(detailTypes.get(name)).as(name).isEqualTo(refused ? "TopicOnboardingFailed" : "TopicOnboarded");
            for (Map.Entry<String, String> planned : actions(topic).entrySet()) {
                if (!planned.getValue().equals("REFUSE")) {
                    assertThat(applied.get(planned.getKey()).get(name)).as("%s %s", name, planned.getKey()).isEqualTo(APPLIED.get(planned.getValue()));
                }
            }
        }
        assertThat(partitions("grow")).isEqualTo(4);
        assertThat(bed.confluent.tableflowTopics().get("steady").path("spec").path("table_formats")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("ICEBERG", "DELTA");
    }

    /** Sends the dry run through the intake and returns its one TopicOnboardingPlanned detail, checking that nothing was written. */
    private JsonNode planWritingNothing(String detail) throws Exception {
        long confluentWrites = bed.confluent.writes();
        bed.aws.reset();

        Invocation intake = bed.requestOnboarding(detail);
        assertThat(intake.failed()).as(intake.errorMessage()).isFalse();
        String execution = intake.responseJson().path("executionName").asText();
        ExecutionResult run = bed.runStartedExecution(execution, true);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.writes()).as("Confluent writes of a dry run").isEqualTo(confluentWrites);
        assertThat(bed.aws.calls().stream().filter(AwsCall::isWrite).filter(call -> !OWN_MACHINERY.contains(call.action())))
                .as("AWS writes of a dry run besides starting it and answering").isEmpty();
        List<JsonNode> events = bed.outcomeEvents();
        outcomes.addAll(events);
        JsonNode planned = single(events);
        assertThat(planned.path("detail-type").asText()).isEqualTo("TopicOnboardingPlanned");
        JsonNode plan = planned.path("detail");
        assertThat(plan.path("execution").asText()).isEqualTo(execution);
        Schema contract = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("schemas/events/topic-onboarding-planned.schema.json")), InputFormat.JSON);
        assertThat(contract.validate(plan.toString(), InputFormat.JSON)).as("the published contract").isEmpty();
        JsonNode sample = TestBed.parse(TestBed.readEvent("outcomes/topic-onboarding-planned.json")).path("detail");
        assertThat(contract.validate(sample.toString(), InputFormat.JSON)).as("the sample").isEmpty();
        assertThat(fieldNames(plan)).isEqualTo(fieldNames(sample));
        return plan;
    }

    private static String dryRun(String detail) {
        ObjectNode request = (ObjectNode) TestBed.parse(detail);
        request.put("dryRun", true);
        return request.toString();
    }

    private static void assertPlanned(JsonNode topic, String action, String... resourceActions) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < resourceActions.length; i += 2) {
            expected.put(resourceActions[i], resourceActions[i + 1]);
        }
        assertThat(actions(topic)).as(topic.path("topic").asText()).containsExactlyEntriesOf(expected);
        assertThat(topic.path("action").asText()).as(topic.path("topic").asText()).isEqualTo(action);
        assertThat(topic.has("refusal")).as(topic.path("topic").asText()).isEqualTo(action.equals("REFUSE"));
    }

    private static Map<String, String> actions(JsonNode topic) {
        Map<String, String> actions = new LinkedHashMap<>();
        topic.path("resources").forEach(resource -> actions.put(resource.path("resource").asText(), resource.path("action").asText()));
        return actions;
    }

    private static String reason(JsonNode topic, String resource) {
        for (JsonNode planned : topic.path("resources")) {
            if (planned.path("resource").asText().equals(resource)) {
                return planned.path("reason").asText();
            }
        }
        return null;
    }

    private static Map<String, JsonNode> byTopic(JsonNode plan) {
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        plan.path("topics").forEach(topic -> topics.put(topic.path("topic").asText(), topic));
        return topics;
    }

    /** Each topic's outcome of one step in an apply, read from the step's exits in the execution history. */
    private static Map<String, String> outcomesOf(ExecutionResult run, String state, String resultPath) {
        Map<String, String> outcomes = new HashMap<>();
        run.events("StateExited").stream().filter(e -> e.path("state").asText().equals(state)).map(e -> e.path("output"))
                .forEach(output -> outcomes.put(output.path("topic").path("name").asText(), output.path(resultPath).path("outcome").asText()));
        return outcomes;
    }

    private Map<String, String> detailTypes() {
        Map<String, String> types = new HashMap<>();
        List<JsonNode> events = bed.outcomeEvents();
        outcomes.addAll(events);
        events.forEach(e -> types.put(e.path("detail").path("topic").asText(), e.path("detail-type").asText()));
        return types;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int partitions(String topic) {
        return bed.confluent.kafka().topics(bed.confluent.kafkaClusterId()).stream()
                .filter(t -> t.path("topic_name").asText().equals(topic)).findFirst().orElseThrow().path("partitions_count").asInt();
    }

    private static void registerSchema(String subject, String schema) throws Exception {
        String request = JSON.createObjectNode().put("schemaType", "JSON").put("schema", schema).toString();
        HttpResponse<String> response = confluentHttp.send("POST", bed.confluent.schemaRegistryUrl() + "/subjects/" + subject + "/versions",
                CloudHttp.basic(bed.confluent.createSchemaRegistryApiKey()), request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** A Kafka topic someone enabled TableFlow on, through this stack's integration but into another bucket. */
    private static void enableTableflowInAnotherBucket(String topic) throws Exception {
        String cluster = bed.confluent.kafkaClusterId();
        String integration = single(bed.confluent.providerIntegrations().list()).path("id").asText();
        bed.confluent.kafka().createTopic(cluster, topic, 1);
        HttpResponse<String> enabled = confluentHttp.send("POST", "/tableflow/v1/tableflow-topics",
                CloudHttp.basic(bed.confluent.createTableflowApiKey()), """
                {"spec":{"display_name":"%s","table_formats":["ICEBERG"],"environment":{"id":"%s"},"kafka_cluster":{"id":"%s"},
                 "storage":{"kind":"ByobAws","bucket_name":"someone-elses-bucket","provider_integration_id":"%s"}}}"""
                        .formatted(topic, bed.confluent.environmentId(), cluster, integration));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(202);
    }
}
