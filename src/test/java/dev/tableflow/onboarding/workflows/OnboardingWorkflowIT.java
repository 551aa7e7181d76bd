package dev.tableflow.onboarding.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.steps.onboarding.CheckTableflowTopic;
import dev.tableflow.onboarding.steps.onboarding.EnsureTopic;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.confluent.CloudHttp;
import dev.tableflow.onboarding.testbed.confluent.Fault;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Topic onboarding end to end, from a TopicOnboardingRequested event through the intake function and the real
 * onboarding ASL to the outcome events on the bus, on a bootstrapped environment.
 */
class OnboardingWorkflowIT extends WorkflowTestBase {

    static final String TOPIC2 = TestBed.sampleDetail("onboard-topic2.json");

    @BeforeEach
    void bootstrap() {
        resetAndBootstrap();
    }

    @Test
    void topic2BecomesAQueryableIcebergTableInGlue() {
        ExecutionResult run = bed.onboard(TOPIC2);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        String cluster = bed.confluent.kafkaClusterId();
        JsonNode topic = single(bed.confluent.kafka().topics(cluster));
        assertThat(topic.path("topic_name").asText()).isEqualTo("topic2");
        assertThat(topic.path("partitions_count").asInt()).isEqualTo(1);

        JsonNode schema = bed.confluent.schemaRegistry().latest("topic2-value");
        assertThat(schema.path("schemaType").asText()).isEqualTo("JSON");
        assertThat(TestBed.parse(schema.path("schema").asText()).path("required"))
                .extracting(JsonNode::asText).containsExactly("id", "timestamp", "user_id", "event_type");

        JsonNode tableflow = bed.confluent.tableflowTopics().get("topic2");
        assertThat(tableflow.path("spec").path("table_formats")).extracting(JsonNode::asText).containsExactly("ICEBERG");
        JsonNode storage = tableflow.path("spec").path("storage");
        assertThat(storage.path("kind").asText()).isEqualTo("ByobAws");
        assertThat(storage.path("bucket_name").asText()).isEqualTo(TestBed.BUCKET);
        assertThat(storage.path("provider_integration_id").asText())
                .isEqualTo(single(bed.confluent.providerIntegrations().list()).path("id").asText());

        assertThat(bed.glue.getTable(r -> r.databaseName(cluster).name("topic2")).table().name()).isEqualTo("topic2");
        JsonNode keySecret = TestBed.parse(bed.secretString(TestBed.SECRET_PREFIX + "tableflow-topic-key"));
        TestBed.assertSameSecret(keySecret.path("api_secret").asText(), bed.confluent.apiKeys().secretOf(keySecret.path("api_key").asText()),
                "the Kafka key's stored secret");
        assertThat(bed.secretString(TestBed.SECRET_PREFIX + "schema-registry-key")).contains("api_secret");

        outcomes.addAll(bed.outcomeEvents());
        JsonNode onboarded = single(outcomes);
        assertThat(onboarded.path("detail-type").asText()).isEqualTo("TopicOnboarded");
        assertThat(onboarded.path("source").asText()).isEqualTo("tableflow.onboarding");
        assertThat(onboarded.path("detail").path("topic").asText()).isEqualTo("topic2");
        assertThat(onboarded.path("detail").path("table").path("database").asText()).isEqualTo(cluster);
        assertThat(onboarded.path("detail").path("resources").path("subject").asText()).isEqualTo("topic2-value");

        // The same event, as template.yaml's outcome rule wrote it to the stack's outcome log group, shaped as the sample.
        JsonNode logged = single(bed.outcomeLog().stream().filter(e -> e.path("id").equals(onboarded.path("id"))).toList());
        assertThat(logged.path("detail")).isEqualTo(onboarded.path("detail"));
        JsonNode sample = TestBed.parse(TestBed.readEvent("outcomes/topic-onboarded.json"));
        assertThat(fieldNames(logged.path("detail"))).isEqualTo(fieldNames(sample.path("detail")));
        assertThat(fieldNames(logged.path("detail").path("resources"))).isEqualTo(fieldNames(sample.path("detail").path("resources")));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void rerunAdoptsEverythingAndWritesNothing() {
        Invocation intake = bed.requestOnboarding(TOPIC2);
        String execution = intake.responseJson().path("executionName").asText();
        assertThat(bed.runStartedExecution(execution).succeeded()).isTrue();
        long confluentWrites = bed.confluent.writes();
        bed.aws.reset();

        ExecutionResult rerun = bed.runStartedExecution(execution);

        assertThat(rerun.status()).as(rerun.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.writes()).as("Confluent writes on rerun").isEqualTo(confluentWrites);
        assertThat(bed.aws.calls().stream().filter(c -> c.isWrite() && !c.action().equals("PutEvents")))
                .as("AWS writes on rerun besides the outcome event").isEmpty();
        JsonNode topic = rerun.output().path("outcomes").path(0);
        assertThat(topic.path("topic").asText()).isEqualTo("topic2");
        assertThat(rerun.outputOf("EnsureTopic").path("kafkaTopic").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(rerun.outputOf("EnsureSchema").path("schema").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(rerun.outputOf("EnsureTableflowTopic").path("tableflowEnabled").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(rerun.output().path("kafka").path("outcome").asText()).isEqualTo("ADOPTED");
    }

    @Test
    void existingTopicAndSchemaAreAdoptedAndPartitionsGrowButNeverShrink() throws Exception {
        String cluster = bed.confluent.kafkaClusterId();
        bed.confluent.kafka().createTopic(cluster, "topic2", 2);
        registerSchema("topic2-value", TestBed.parse(Files.readString(Path.of("schemas/json/values/topic2-value.json"))));
        bed.confluent.kafka().createTopic(cluster, "wide", 6);
        String inline = "{'type':'object','properties':{'id':{'type':'string'}}}".replace('\'', '"');

        ExecutionResult run = bed.onboard("""
                {"topics":[{"name":"topic2","partitions":4,"configs":{"retention.ms":"86400000","cleanup.policy":"delete"}},
                           {"name":"wide","partitions":3,"schema":{"inline":%s}}]}""".formatted(inline));

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        Map<String, JsonNode> byTopic = outcomesByTopic();
        assertThat(byTopic.get("topic2").path("detail-type").asText()).isEqualTo("TopicOnboarded");
        assertThat(partitions("topic2")).as("grown as asked").isEqualTo(4);
        // cleanup.policy=delete is already the topic's value: only the config that differs is written.
        assertThat(bed.confluent.kafka().configOverrides(cluster, "topic2")).containsExactly(Map.entry("retention.ms", "86400000"));
        assertThat(bed.confluent.schemaRegistry().subjects()).contains("topic2-value");
        JsonNode wide = byTopic.get("wide").path("detail");
        assertThat(byTopic.get("wide").path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(wide.path("step").asText()).isEqualTo("EnsureTopic");
        assertThat(wide.path("cause").asText()).contains("has 6 partitions and 3 were asked for").contains("cannot remove partitions");
        assertThat(partitions("wide")).isEqualTo(6);
    }

    /**
     * Partitions can never be removed: a config the broker refuses must stop the run before the partitions grow. The
     * configs are checked with Kafka REST's validate_only first; the request log shows no write to the topic.
     */
    @Test
    void aConfigTheBrokerRefusesLeavesAnExistingTopicUnchanged() {
        String cluster = bed.confluent.kafkaClusterId();
        bed.confluent.kafka().createTopic(cluster, "topic2", 2);
        String topicPath = "/kafka/v3/clusters/" + cluster + "/topics/topic2";

        for (String configs : List.of("{\"retention.ms\":\"86400000\",\"no.such.config\":\"1\"}", "{\"retention.ms\":\"forever\"}")) {
            ExecutionResult run = bed.onboard("{\"topics\":[{\"name\":\"topic2\",\"partitions\":4,\"configs\":" + configs + "}]}");

            assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
            List<JsonNode> events = bed.outcomeEvents();
            outcomes.addAll(events);
            assertThat(events).hasSize(1);
            JsonNode failed = events.getFirst();
            assertThat(failed.path("detail-type").asText()).as(configs).isEqualTo("TopicOnboardingFailed");
            assertThat(failed.path("detail").path("step").asText()).isEqualTo("EnsureTopic");
            assertThat(failed.path("detail").path("cause").asText()).as(configs).containsAnyOf("Unknown topic config name: no.such.config",
                    "Invalid value forever for configuration retention.ms");
            assertThat(partitions("topic2")).as("not grown").isEqualTo(2);
            assertThat(bed.confluent.kafka().configOverrides(cluster, "topic2")).isEmpty();
            assertThat(bed.confluent.requests().matching(r -> r.path().startsWith(topicPath) && !r.method().equals("GET")))
                    .as("the only request that is no read: the refused validation")
                    .allSatisfy(r -> assertThat(r.path()).endsWith("/configs:alter"))
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        }
        assertThat(bed.confluent.requests().matching(r -> r.method().equals("PATCH"))).as("no partition growth attempted").isEmpty();
    }

    /**
     * Glue keeps one table per lower-cased name: the table "orders" that ConfirmGlueTable finds for the topic "Orders"
     * may be the topic "orders"'s. Only a table at this topic's TableFlow path, in this stack's bucket, is confirmed.
     */
    @Test
    void confirmGlueTableRefusesATableOfTheSameNameElsewhere() {
        String cluster = bed.confluent.kafkaClusterId();
        String paths = "s3://" + TestBed.BUCKET + "/org-1/env-1/" + cluster + "/v1/";
        bed.glue.createDatabase(r -> r.databaseInput(d -> d.name(cluster)));
        bed.glue.createTable(r -> r.databaseName(cluster).tableInput(t -> t.name("orders").tableType("EXTERNAL_TABLE")
                .parameters(Map.of("table_type", "ICEBERG")).storageDescriptor(d -> d.location(paths + "orders"))));

        Invocation ours = bed.lambda.invoke("ConfirmGlueTableFunction", "{\"topicName\":\"orders\",\"tablePath\":\"" + paths + "orders\"}");
        Invocation theirs = bed.lambda.invoke("ConfirmGlueTableFunction", "{\"topicName\":\"Orders\",\"tablePath\":\"" + paths + "Orders\"}");
        Invocation elsewhere = bed.lambda.invoke("ConfirmGlueTableFunction",
                "{\"topicName\":\"orders\",\"tablePath\":\"s3://another-bucket/org-1/env-1/" + cluster + "/v1/orders\"}");

        assertThat(ours.failed()).as(ours.errorMessage()).isFalse();
        assertThat(theirs.failed()).isTrue();
        assertThat(theirs.errorType()).isEqualTo(TERMINAL);
        assertThat(theirs.errorMessage()).startsWith("ConfirmGlueTable: Glue table " + cluster + ".Orders: ")
                .contains("is at " + paths + "orders, not at this topic's TableFlow path " + paths + "Orders");
        assertThat(elsewhere.failed()).isTrue();
        assertThat(elsewhere.errorType()).isEqualTo(TERMINAL);
        assertThat(elsewhere.errorMessage()).contains("outside this stack's bucket s3://" + TestBed.BUCKET + "/");
    }

    @Test
    void topicCreatedByAnotherClientBetweenOurLookUpAndOurCreateIsAdopted() {
        // Someone creates topic2 just after we looked: our look-up saw 404, our create gets 400 with error_code 40002.
        bed.confluent.kafka().createTopic(bed.confluent.kafkaClusterId(), "topic2", 1);
        bed.confluent.faults().next(1, dev.tableflow.onboarding.testbed.confluent.Fault.status(404))
                .on("GET", "/kafka/v3/clusters/" + bed.confluent.kafkaClusterId() + "/topics/topic2");

        ExecutionResult run = bed.onboard(TOPIC2);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.requests().all()).as("our create met the existing topic")
                .anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/topics") && r.status() == 400);
        assertThat(run.outputOf("EnsureTopic").path("kafkaTopic").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(outcomesByTopic().get("topic2").path("detail-type").asText()).isEqualTo("TopicOnboarded");
    }

    /**
     * Two first onboardings of an environment at once both find no Kafka key and both create one. When the other run
     * stores its key after this run's CheckKafkaApiKey has passed, this run's topic steps read a key Confluent does not
     * accept yet: that is waited for, as a new key is, not taken for a refusal.
     */
    @Test
    void aKafkaKeyAnotherRunStoresAfterOurCheckIsWaitedForNotRefused() {
        String secretName = TestBed.SECRET_PREFIX + "tableflow-topic-key";
        AtomicReference<String> otherRunsKey = new AtomicReference<>();
        // The first success under /kafka/v3 is CheckKafkaApiKey's probe; EnsureTopic's calls come after it.
        bed.confluent.hooks().afterApplied("GET", "/kafka/v3/", () -> {
            var created = bed.confluent.apiKeys().created(bed.confluent.serviceAccountId(), bed.confluent.kafkaClusterId(),
                    "dev-tableflow-topic-key", "Kafka API key (execution other-run)");
            bed.secrets.putSecretValue(r -> r.secretId(secretName).secretString(
                    "{\"api_key\":\"" + created.key() + "\",\"api_secret\":\"" + created.secret() + "\"}"));
            otherRunsKey.set(created.key());
        });

        ExecutionResult run = bed.onboard(TOPIC2);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(otherRunsKey.get()).as("the other run stored its key").isNotNull();
        assertThat(run.retries("EnsureTopic")).as("refused once while the other run's key propagated, then retried").isEqualTo(1);
        assertThat(TestBed.parse(bed.secretString(secretName)).path("api_key").asText()).isEqualTo(otherRunsKey.get());
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId())).extracting(t -> t.path("topic_name").asText())
                .containsExactly("topic2");
        outcomes.addAll(bed.outcomeEvents());
        assertThat(single(outcomes).path("detail-type").asText()).isEqualTo("TopicOnboarded");
    }

    /**
     * A Kafka key that Confluent refuses long after it was stored has been revoked, or its service account lost a
     * grant: the topic step fails at once, terminal, with Confluent's message, rather than waiting out the new-key
     * retries. The stack's window (20 minutes) cannot pass in a test, so one function runs with none, where every
     * stored key is old; the same refusal under the stack's window is still taken for propagation.
     */
    @Test
    void aKafkaKeyRefusedLongAfterItWasStoredFailsTheTopicStepAtOnce() {
        assertThat(bed.onboard(TOPIC2).status()).isEqualTo("SUCCEEDED");
        String input = "{\"topic\":{\"name\":\"topic2\"},\"invocation\":{\"executionId\":\"e-1\",\"retryCount\":0}}";
        String topicPath = "/kafka/v3/clusters/" + bed.confluent.kafkaClusterId() + "/topics/topic2";

        bed.confluent.faults().next(1, Fault.status(403)).on("GET", topicPath);
        try (LocalLambdaService lambda = bed.startFunction("EnsureTopicFunction", "NoNewKeyWindow", Duration.ofMinutes(1),
                Map.of("RUNTIME_NEW_KEY_WINDOW", "PT0S"))) {
            Invocation refused = lambda.invoke("NoNewKeyWindow", input);

            assertThat(refused.errorType()).as(refused.errorMessage()).isEqualTo("dev.tableflow.onboarding.errors.TerminalException");
            assertThat(refused.errorMessage()).startsWith("EnsureTopic: topic \"topic2\": the API key ")
                    .contains(" min ago, is refused: revoked, or its owner lacks the permission (403");
        }
        assertThat(bed.confluent.faults().pending()).as("the refusal was met").isZero();

        bed.confluent.faults().next(1, Fault.status(403)).on("GET", topicPath);
        try (LocalLambdaService lambda = bed.startFunction("EnsureTopicFunction", "StackWindow", Duration.ofMinutes(1), Map.of())) {
            Invocation waited = lambda.invoke("StackWindow", input);

            assertThat(waited.errorType()).as(waited.errorMessage()).isEqualTo("dev.tableflow.onboarding.errors.NotReadyException");
            assertThat(waited.errorMessage()).contains("is not accepted yet (403");
        }
    }

    @Test
    void tableflowTopicEnabledByAConcurrentRunBetweenOurLookUpAndOurCreateIsAdopted() {
        assertThat(bed.onboard(TOPIC2).succeeded()).isTrue();
        outcomes.addAll(bed.outcomeEvents());
        // The other run enabled it just after our look-up saw 404: our create gets 409 resource_already_exists.
        bed.confluent.faults().next(1, dev.tableflow.onboarding.testbed.confluent.Fault.status(404))
                .on("GET", "/tableflow/v1/tableflow-topics/topic2");
        long writes = bed.confluent.writes();

        ExecutionResult run = bed.onboard(TOPIC2);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(bed.confluent.requests().all()).as("our create met the enabled topic")
                .anyMatch(r -> r.method().equals("POST") && r.path().equals("/tableflow/v1/tableflow-topics") && r.status() == 409);
        assertThat(run.outputOf("EnsureTableflowTopic").path("tableflowEnabled").path("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(bed.confluent.writes()).as("nothing accepted: the create was refused, the rest adopted").isEqualTo(writes);
        List<JsonNode> events = bed.outcomeEvents();
        outcomes.addAll(events);
        assertThat(single(events).path("detail-type").asText()).isEqualTo("TopicOnboarded");
    }

    /**
     * TableFlow may answer 404 "topic not found" to enabling it on a Kafka topic created a moment before (seen by
     * terraform-provider-confluent, PR #896): the step waits for the topic to reach TableFlow instead of failing it.
     */
    @Test
    void aKafkaTopicTableflowHasNotSeenYetIsWaitedForNotFailed() {
        bed.confluent.tableflowTopics().topicNotFoundFor(2);

        ExecutionResult run = bed.onboard(TOPIC2);

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        assertThat(run.errors("EnsureTableflowTopic")).as("the two 404s were \"not yet\"")
                .containsExactly(NOT_READY, NOT_READY);
        assertThat(bed.confluent.requests().all().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/tableflow/v1/tableflow-topics")).map(r -> r.status()).toList()).containsExactly(404, 404, 202);
        assertThat(bed.confluent.tableflowTopics().list()).hasSize(1);
        List<JsonNode> events = bed.outcomeEvents();
        outcomes.addAll(events);
        assertThat(single(events).path("detail-type").asText()).isEqualTo("TopicOnboarded");
    }

    @Test
    void aKafkaTopicTableflowNeverSeesFailsTheTopicAfterABoundedWaitWithConfluentsMessage() {
        bed.confluent.tableflowTopics().topicNotFoundFor(1_000);

        ExecutionResult run = bed.onboard(TOPIC2);

        assertThat(run.status()).as("the topic's outcome, not the workflow's").isEqualTo("SUCCEEDED");
        assertThat(run.retries("EnsureTableflowTopic")).as("the NotReady retrier's 12 attempts, then caught").isEqualTo(12);
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.path("detail").path("step").asText()).isEqualTo("EnsureTableflowTopic");
        assertThat(failed.path("detail").path("errorType").asText()).isEqualTo(NOT_READY);
        assertThat(failed.path("detail").path("cause").asText())
                .isEqualTo("404 (resource_not_found): topic not found; waiting for the Kafka topic topic2 to reach the API");
        assertThat(bed.confluent.tableflowTopics().list()).isEmpty();
    }

    @Test
    void tableflowSettingsAreReconciledOnAnExistingTopic() {
        assertThat(bed.onboard(TOPIC2).succeeded()).isTrue();

        ExecutionResult again = bed.onboard("""
                {"requestId":"tighten-topic2","topics":[{"name":"topic2","errorHandling":"SKIP","retentionMs":604800000}]}""");

        assertThat(again.status()).as(again.cause()).isEqualTo("SUCCEEDED");
        assertThat(again.outputOf("EnsureTableflowTopic").path("tableflowEnabled").path("outcome").asText()).isEqualTo("UPDATED");
        JsonNode config = bed.confluent.tableflowTopics().get("topic2").path("spec").path("config");
        assertThat(config.path("error_handling").path("mode").asText()).isEqualTo("SKIP");
        assertThat(config.path("retention_ms").asText()).isEqualTo("604800000");
    }

    @Test
    void tableflowTopicWritingToAnotherBucketIsRefusedBecauseStorageIsImmutable() throws Exception {
        String cluster = bed.confluent.kafkaClusterId();
        String environment = bed.confluent.environmentId();
        String integration = single(bed.confluent.providerIntegrations().list()).path("id").asText();
        bed.confluent.kafka().createTopic(cluster, "topic2", 1);
        HttpResponse<String> enabled = confluentHttp.send("POST", "/tableflow/v1/tableflow-topics",
                CloudHttp.basic(bed.confluent.createTableflowApiKey()), """
                {"spec":{"display_name":"topic2","table_formats":["ICEBERG"],"environment":{"id":"%s"},"kafka_cluster":{"id":"%s"},
                 "storage":{"kind":"ByobAws","bucket_name":"someone-elses-bucket","provider_integration_id":"%s"}}}"""
                        .formatted(environment, cluster, integration));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(202);

        assertThat(bed.onboard(TOPIC2).succeeded()).isTrue();

        JsonNode failed = outcomesByTopic().get("topic2");
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.path("detail").path("step").asText()).isEqualTo("EnsureTableflowTopic");
        assertThat(failed.path("detail").path("cause").asText()).contains("someone-elses-bucket").contains("storage cannot change");
        assertThat(bed.confluent.tableflowTopics().get("topic2").path("spec").path("storage").path("bucket_name").asText())
                .isEqualTo("someone-elses-bucket");
    }

    @Test
    void missingCatalogIntegrationFailsTheTopicBeforeTableflowIsEnabledAndPointsToTheBootstrap() {
        String catalog = single(bed.confluent.catalogIntegrations().list()).path("id").asText();
        assertThat(bed.confluent.catalogIntegrations().delete(catalog)).isTrue();

        assertThat(bed.onboard(TOPIC2).succeeded()).isTrue();

        JsonNode failed = outcomesByTopic().get("topic2");
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.path("detail").path("step").asText()).isEqualTo("EnsureTableflowTopic");
        assertThat(failed.path("detail").path("cause").asText())
                .isEqualTo("catalog integration \"" + TestBed.ENVIRONMENT + "-confluent-glue\" not found; run the bootstrap first");
        assertThat(failed.path("detail").path("errorType").asText()).isEqualTo(TERMINAL);
        assertThat(bed.confluent.tableflowTopics().list()).isEmpty();
    }

    @Test
    void failingTableFormatEndsTheTopicWithConfluentsMessage() {
        bed.confluent.hooks().afterApplied("POST", "/tableflow/v1/tableflow-topics",
                () -> bed.confluent.tableflowTopics().failTableFormat("topic2", "ICEBERG", "Schema validation failed: field timestamp"));

        assertThat(bed.onboard(TOPIC2).succeeded()).isTrue();

        JsonNode failed = outcomesByTopic().get("topic2");
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.path("detail").path("step").asText()).isEqualTo("CheckTableflowTopic");
        assertThat(failed.path("detail").path("cause").asText()).isEqualTo("failing table formats: ICEBERG: Schema validation failed: field timestamp");
    }

    @Test
    void incompatibleSchemaChangeFailsTheTopicWithSchemaRegistrysMessage() throws Exception {
        registerSchema("orders-value", TestBed.parse("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}"));

        ExecutionResult run = bed.onboard("""
                {"topics":[{"name":"orders","schema":{"inline":{"type":"object",
                  "properties":{"id":{"type":"string"},"amount":{"type":"number"}},"required":["amount"]}}}]}""");

        assertThat(run.status()).as("one topic's failure is its outcome, not the workflow's").isEqualTo("SUCCEEDED");
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.path("detail").path("step").asText()).isEqualTo("EnsureSchema");
        assertThat(failed.path("detail").path("resource").asText()).isEqualTo("subject orders-value");
        assertThat(failed.path("detail").path("cause").asText()).contains("incompatible").contains("amount");
        assertThat(bed.confluent.tableflowTopics().list()).as("nothing after the failed step").isEmpty();
    }

    @Test
    void failedTableflowTopicEndsWithConfluentsMessage() {
        bed.confluent.tableflowTopics().failNext("Unable to write to s3://acme-tableflow-dev: AccessDenied");

        ExecutionResult run = bed.onboard(TOPIC2);

        assertThat(run.succeeded()).isTrue();
        JsonNode failed = single(bed.outcomeEvents());
        outcomes.add(failed);
        assertThat(failed.path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(failed.path("detail").path("step").asText()).isEqualTo("CheckTableflowTopic");
        assertThat(failed.path("detail").path("resource").asText()).isEqualTo("TableFlow topic topic2");
        assertThat(failed.path("detail").path("cause").asText()).isEqualTo("phase FAILED: Unable to write to s3://acme-tableflow-dev: AccessDenied");
        assertThat(failed.path("detail").path("errorType").asText()).isEqualTo("dev.tableflow.onboarding.errors.TerminalException");
    }

    @Test
    void batchOnboardsEveryTopicAndOneFailureDoesNotStopTheOthers() throws Exception {
        // Another team already owns orders-value with a schema the batch's orders schema cannot evolve from.
        registerSchema("orders-value", TestBed.parse("{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"integer\"}}}"));

        ExecutionResult run = bed.onboard(TestBed.sampleDetail("onboard-batch.json"));

        assertThat(run.status()).as(run.cause()).isEqualTo("SUCCEEDED");
        Map<String, JsonNode> byTopic = outcomesByTopic();
        assertThat(byTopic).containsOnlyKeys("topic2", "orders", "clicks");
        assertThat(byTopic.get("topic2").path("detail-type").asText()).isEqualTo("TopicOnboarded");
        assertThat(byTopic.get("clicks").path("detail-type").asText()).isEqualTo("TopicOnboarded");
        assertThat(byTopic.get("orders").path("detail-type").asText()).isEqualTo("TopicOnboardingFailed");
        assertThat(byTopic.get("orders").path("detail").path("step").asText()).isEqualTo("EnsureSchema");
        assertThat(byTopic.get("orders").path("detail").path("cause").asText()).contains("incompatible");
        assertThat(partitions("clicks")).isEqualTo(6);
        assertThat(bed.confluent.kafka().configOverrides(bed.confluent.kafkaClusterId(), "orders")).containsEntry("retention.ms", "604800000");
        assertThat(bed.confluent.tableflowTopics().list()).extracting(t -> t.path("spec").path("display_name").asText())
                .containsExactlyInAnyOrder("topic2", "clicks");
    }

    @Test
    void identicalRequestsArrivingTogetherStartOneExecution() {
        CompletableFuture<Invocation> first = CompletableFuture.supplyAsync(() -> bed.requestOnboarding(TOPIC2));
        CompletableFuture<Invocation> second = CompletableFuture.supplyAsync(() -> bed.requestOnboarding(TOPIC2));
        List<Invocation> intakes = List.of(first.join(), second.join());

        assertThat(intakes).noneMatch(Invocation::failed);
        assertThat(intakes.stream().map(i -> i.responseJson().path("executionArn").asText()).distinct()).hasSize(1);
        assertThat(bed.startedExecutions()).hasSize(1);
    }

    @Test
    void identicalRequestAfterItsExecutionEndedIsThatExecution() {
        String request = "{\"requestId\":\"r-2\",\"topics\":[{\"name\":\"topic2\"}]}";
        Invocation first = bed.requestOnboarding(request);
        String arn = first.responseJson().path("executionArn").asText();
        bed.endExecution(arn); // Step Functions now answers ExecutionAlreadyExists, whatever the input

        Invocation again = bed.requestOnboarding(request);

        assertThat(again.failed()).as(again.errorType() + ": " + again.errorMessage()).isFalse();
        assertThat(again.responseJson().path("executionArn").asText()).isEqualTo(arn);
        assertThat(bed.startedExecutions()).hasSize(1);
        Invocation reused = bed.requestOnboarding("{\"requestId\":\"r-2\",\"topics\":[{\"name\":\"topic2\",\"partitions\":2}]}");
        assertThat(reused.errorMessage()).as("another request under that requestId is still refused")
                .contains("invalid requestId").contains("already used for a different request");
    }

    @Test
    void reusedRequestIdWithAnotherRequestIsRefused() {
        assertThat(bed.requestOnboarding("{\"requestId\":\"r-1\",\"topics\":[{\"name\":\"topic2\"}]}").failed()).isFalse();

        Invocation reused = bed.requestOnboarding("{\"requestId\":\"r-1\",\"topics\":[{\"name\":\"topic2\",\"partitions\":2}]}");

        assertThat(reused.errorType()).isEqualTo("dev.tableflow.onboarding.errors.InvalidInputException");
        assertThat(reused.errorMessage()).contains("invalid requestId").contains("already used for a different request");
        assertThat(bed.startedExecutions()).hasSize(1);
        JsonNode rejection = single(bed.outcomeEvents());
        assertThat(rejection.path("detail-type").asText()).isEqualTo("OnboardingRequestRejected");
        assertThat(rejection.path("detail").path("requestId").asText()).isEqualTo("r-1");
        assertThat(rejection.path("detail").path("cause").asText()).startsWith("invalid requestId: ").endsWith("already used for a different request");
    }

    @Test
    void badRequestIsRefusedByTheIntakeBeforeAnythingIsCreated() {
        long writes = bed.confluent.writes();

        Invocation intake = bed.requestOnboarding("{\"topics\":[{\"name\":\"topic2\"},{\"name\":\"orders\",\"partitions\":0}]}");

        assertThat(intake.failed()).isTrue();
        assertThat(intake.errorType()).isEqualTo("dev.tableflow.onboarding.errors.InvalidInputException");
        assertThat(intake.errorMessage()).contains("invalid topics[1].partitions");
        assertThat(bed.startedExecutions()).isEmpty();
        assertThat(bed.confluent.writes()).isEqualTo(writes);
    }

    private Map<String, JsonNode> outcomesByTopic() {
        outcomes.addAll(bed.outcomeEvents());
        return outcomes.stream().collect(Collectors.toMap(e -> e.path("detail").path("topic").asText(), e -> e));
    }

    private static int partitions(String topic) {
        return bed.confluent.kafka().topics(bed.confluent.kafkaClusterId()).stream()
                .filter(t -> t.path("topic_name").asText().equals(topic)).findFirst().orElseThrow().path("partitions_count").asInt();
    }

    /** Registers a schema the way another team would have, straight through the Schema Registry API. */
    private static void registerSchema(String subject, JsonNode schema) throws Exception {
        String request = new ObjectMapper().createObjectNode().put("schemaType", "JSON").put("schema", schema.toString()).toString();
        HttpResponse<String> response = confluentHttp.send("POST", bed.confluent.schemaRegistryUrl() + "/subjects/" + subject + "/versions",
                CloudHttp.basic(bed.confluent.createSchemaRegistryApiKey()), request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

}
