package dev.tableflow.onboarding.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.workflows.WorkflowTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.tableflow.onboarding.request.RequestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trust boundaries (RELIABILITY.md, "Trust boundaries"), tried as a team member would with only the right to invoke
 * one packaged function or put one event on the bus: each attack is refused before any call, by the function itself
 * as it runs under Lambda's runtime client, and named. The environment is bootstrapped and topic2 onboarded, so each
 * key the attacks aim at is stored and live.
 */
class TrustBoundariesIT extends WorkflowTestBase {

    static final String INVALID = "dev.tableflow.onboarding.errors.InvalidInputException";
    /** Whoever may invoke a step points it here: a host of their own, which records every request it gets. */
    private static HttpServer attacker;
    private static final List<String> stolen = new CopyOnWriteArrayList<>();
    private int confluentRequests;
    private long confluentWrites;
    private int executions;

    @BeforeAll
    static void onboardedTopic2AndAnAttackersHost() throws IOException {
        bed.reset();
        assertThat(bed.bootstrap().succeeded()).isTrue();
        // The onboarding workflow carries no endpoint in its state any more: this run is the proof that it needs none.
        assertThat(bed.onboard(TestBed.sampleDetail("onboard-topic2.json")).succeeded()).isTrue();
        attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attacker.createContext("/", exchange -> {
            stolen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        attacker.start();
    }

    @AfterAll
    static void stopAttacker() {
        if (attacker != null) {
            attacker.stop(0);
        }
    }

    @BeforeEach
    void countFromHere() {
        outcomes.addAll(bed.outcomeEvents());
        confluentRequests = bed.confluent.requests().all().size();
        confluentWrites = bed.confluent.writes();
        executions = bed.startedExecutions().size();
        bed.aws.reset();
    }

    private static String attackerUrl() {
        return "http://127.0.0.1:" + attacker.getAddress().getPort();
    }

    private void assertNoCallWasMade(String why) {
        assertThat(stolen).as(why + ": requests the attacker's host got").isEmpty();
        assertThat(bed.confluent.requests().all()).as(why + ": Confluent requests").hasSize(confluentRequests);
    }

    // ----- 3. credentials go only where the deployment says

    @Test
    void aStepThatSendsAKeyRefusesAnEndpointInItsInput() {
        String url = attackerUrl();
        record Attack(String function, String payload, String field) {}
        for (Attack attack : List.of(
                new Attack("EnsureTopicFunction", "{'topic':{'name':'topic2'},'kafkaRestEndpoint':'" + url + "'}", "kafkaRestEndpoint"),
                new Attack("CheckKafkaApiKeyFunction", "{'restEndpoint':'" + url + "'}", "restEndpoint"),
                new Attack("EnsureSchemaFunction", "{'topic':{'name':'topic2'},'schemaRegistryEndpoint':'" + url + "'}", "schemaRegistryEndpoint"))) {
            Invocation refused = bed.lambda.invoke(attack.function(), json(attack.payload()));

            assertThat(refused.errorType()).as(attack.function() + ": " + refused.errorMessage()).isEqualTo(INVALID);
            assertThat(refused.errorMessage()).contains(": invalid " + attack.field() + ": not accepted: ");
            assertNoCallWasMade(attack.function());
            assertThat(bed.aws.calls()).as(attack.function() + ": AWS calls (no key read)").isEmpty();
        }
    }

    @Test
    void withoutAnEndpointInItsInputAStepSendsTheKeyToTheClustersOwn() {
        Invocation check = bed.lambda.invoke("CheckKafkaApiKeyFunction", "{}");

        assertThat(check.failed()).as(check.errorMessage()).isFalse();
        assertThat(stolen).isEmpty();
        assertThat(bed.confluent.requests().all().subList(confluentRequests, bed.confluent.requests().all().size()))
                .extracting(r -> r.method() + " " + r.path())
                .contains("GET /kafka/v3/clusters/" + bed.confluent.kafkaClusterId() + "/topics");
    }

    // ----- 3. the role Confluent may assume, and the integrations steps build on, are the stack's own

    /** Without the refusal, the step wrote a statement letting the attacker's role assume the customer role. */
    @Test
    void theTrustStepRefusesARoleOrAnExternalIdInItsInput() {
        JsonNode before = bed.trustPolicy();
        bed.aws.reset();
        String attackersRole = "arn:aws:iam::999999999999:role/attacker";
        String attackersId = "0b6f3c1e-5a8e-4b8f-9a55-6f1f1d2c3e4f";
        record Attack(String payload, String field) {}
        for (Attack attack : List.of(
                new Attack("{'iamRoleArn':'" + attackersRole + "','externalId':'" + attackersId + "'}", "iamRoleArn"),
                new Attack("{'externalId':'" + attackersId + "'}", "externalId"))) {
            Invocation refused = bed.lambda.invoke("EnsureTrustPolicyFunction", json(attack.payload()));

            assertThat(refused.errorType()).as(attack.payload() + ": " + refused.errorMessage()).isEqualTo(INVALID);
            assertThat(refused.errorMessage()).startsWith("EnsureTrustPolicy: trust policy of ")
                    .contains(": invalid " + attack.field() + ": not accepted: ");
        }
        assertNoCallWasMade("EnsureTrustPolicy");
        assertThat(bed.aws.calls()).as("AWS calls").isEmpty();
        assertThat(bed.trustPolicy()).as("the customer role's trust policy").isEqualTo(before);
        assertThat(bed.trustPolicy().toString()).doesNotContain(attackersRole).doesNotContain(attackersId);
    }

    /**
     * The attacker's own provider integration, in the stack's environment: without the refusal, EnsureRoleBinding made
     * the service account ResourceOwner of it, and a fresh environment's catalog would have used it.
     */
    @Test
    void aStepThatBuildsOnAnIntegrationRefusesAnIdInItsInput() throws Exception {
        String attackers = TestBed.parse(confluentHttp.cloud("POST", "/pim/v1/integrations", json("{'display_name':'attackers-glue',"
                + "'provider':'AWS','environment':{'id':'" + bed.confluent.environmentId() + "'},'config':{'kind':'AwsIntegrationConfig',"
                + "'customer_iam_role_arn':'arn:aws:iam::999999999999:role/attacker'}}")).body()).path("id").asText();
        confluentRequests = bed.confluent.requests().all().size();
        long writes = bed.confluent.writes();
        record Attack(String function, String payload, String field) {}
        for (Attack attack : List.of(
                new Attack("EnsureRoleBindingFunction", "{'providerIntegrationId':'" + attackers + "'}", "providerIntegrationId"),
                new Attack("EnsureCatalogIntegrationFunction", "{'providerIntegrationId':'" + attackers + "'}", "providerIntegrationId"),
                new Attack("CheckCatalogIntegrationFunction", "{'catalogIntegrationId':'tci-attackers'}", "catalogIntegrationId"))) {
            Invocation refused = bed.lambda.invoke(attack.function(), json(attack.payload()));

            assertThat(refused.errorType()).as(attack.function() + ": " + refused.errorMessage()).isEqualTo(INVALID);
            assertThat(refused.errorMessage()).contains(": invalid " + attack.field() + ": not accepted: ");
            assertNoCallWasMade(attack.function());
            assertThat(bed.aws.calls()).as(attack.function() + ": AWS calls (no key read)").isEmpty();
        }
        assertThat(bed.confluent.writes()).as("Confluent writes").isEqualTo(writes);
        assertThat(bed.confluent.roleBindings().list()).extracting(b -> b.path("crn_pattern").asText())
                .noneMatch(crn -> crn.endsWith("/provider-integration=" + attackers));
    }

    @Test
    void withoutIdsInTheirInputTheBootstrapStepsFindTheStacksOwnIntegrations() {
        JsonNode before = bed.trustPolicy();
        long writes = bed.confluent.writes();
        bed.aws.reset();
        for (String function : List.of("EnsureRoleBindingFunction", "EnsureCatalogIntegrationFunction", "EnsureTrustPolicyFunction",
                "CheckCatalogIntegrationFunction")) {
            Invocation run = bed.lambda.invoke(function, "{}");

            assertThat(run.failed()).as(function + ": " + run.errorMessage()).isFalse();
        }
        assertThat(bed.confluent.writes()).as("everything adopted: Confluent writes").isEqualTo(writes);
        assertThat(bed.aws.writes()).as("AWS writes").isZero();
        assertThat(bed.trustPolicy()).isEqualTo(before);
        assertThat(bed.confluent.requests().all().subList(confluentRequests, bed.confluent.requests().all().size()))
                .extracting(r -> r.method() + " " + r.path()).as("one provider integration lookup for each of three steps")
                .filteredOn(call -> call.equals("GET /pim/v1/integrations")).hasSize(3);
    }

    // ----- 4. strict parsing

    /** Jackson keeps the last of two equal keys: the reviewer reads "false", the step would read "true". */
    @Test
    void aKeyGivenTwiceInATaskInputIsRefusedNamingIt() {
        Invocation refused = bed.lambda.invoke("StartTeardownFunction", json("{'request':{'force':false,'force':true}}"));

        assertThat(refused.failed()).isTrue();
        assertThat(refused.errorMessage()).contains("Duplicate field 'force'");
        assertNoCallWasMade("StartTeardown");
        assertThat(bed.aws.calls()).as("AWS calls").isEmpty();
    }

    @Test
    void anEventWithAKeyGivenTwiceIsRefusedNamingItAndAnswered() {
        Invocation refused = bed.lambda.invoke("StartOnboardingFunction", event("'detail':{'topics':[{'name':'topic2','name':'orders'}]}"));

        assertRefusedAndAnswered(refused, "topics[0].name", "Duplicate field 'name'");
    }

    @Test
    void anEventNestedTooDeeplyIsRefusedAndAnsweredWithoutAnError() {
        String deep = "{'a':".repeat(2000) + "1" + "}".repeat(2000);

        Invocation refused = bed.lambda.invoke("StartOnboardingFunction",
                event("'detail':{'topics':[{'name':'topic2','schema':{'inline':" + deep + "}}]}"));

        assertRefusedAndAnswered(refused, "topics[0].schema.inline", "nested more than 64 levels deep");
    }

    @Test
    void aTaskInputNestedTooDeeplyIsRefusedByTheReaderNotByAnError() {
        String deep = "{'a':".repeat(2000) + "1" + "}".repeat(2000);

        Invocation refused = bed.lambda.invoke("EnsureTopicFunction", json("{'topic':{'name':'topic2','schema':{'inline':" + deep + "}}}"));

        assertThat(refused.failed()).isTrue();
        assertThat(refused.errorType()).doesNotStartWith("java.lang.");
        assertThat(refused.errorMessage()).contains("nesting depth");
        assertNoCallWasMade("EnsureTopic");
    }

    @Test
    void anEventTimeThatIsNotATimestampIsRefusedLikeAnyBadField() {
        Invocation refused = bed.lambda.invoke("StartOnboardingFunction", json("{'id':'e-1','time':'yesterday',"
                + "'detail-type':'TopicOnboardingRequested','detail':{'topics':[{'name':'topic2'}]}}"));

        assertRefusedAndAnswered(refused, "time", "\"yesterday\" is not a timestamp");
    }

    @Test
    void valuesEchoedBackAreBounded() {
        String id = "i".repeat(100_000);
        Invocation refused = bed.lambda.invoke("StartOnboardingFunction", json("{'id':'" + id + "','time':'2026-12-07T10:00:00Z',"
                + "'detail':{'requestId':42,'topics':[{'name':'topic2'}]}}"));

        assertRefusedAndAnswered(refused, "requestId", "must be a string");
        assertThat(refused.errorMessage().length()).isLessThan(1000);
    }

    // ----- 4. strict parsing of the requests the bus hands to the offboarding and teardown workflows

    /** Without the intake, Step Functions kept the last key: the teardown read "true" and deleted the TableFlow key. */
    @Test
    void aTeardownRequestWithAKeyGivenTwiceIsRefusedNamingItAndAnswered() {
        Invocation refused = bed.lambda.invoke("AcceptTeardownRequestFunction", event("t-1", "TableflowTeardownRequested",
                "'detail':{'force':false,'force':true}"));

        assertRefusedAndAnswered(refused, "AcceptTeardownRequest: teardown request ", "TeardownRequestRejected", "force",
                "Duplicate field 'force'");
        assertThat(bed.startedExecutions("TeardownStateMachine")).as("teardowns started").isEmpty();
    }

    /** Each refused before any execution starts, named, and answered; topic2's data is untouched. */
    @Test
    void anOffboardingRequestTheWorkflowWouldRefuseIsRefusedAtTheIntakeAndAnswered() {
        record Attack(String detailType, String rest, String field, String problem) {}
        for (Attack attack : List.of(
                new Attack("TopicDataDeletionRequested", "'detail':{'topic':'topic2','deleteTopic':false,'deleteTopic':true}",
                        "deleteTopic", "Duplicate field 'deleteTopic'"),
                new Attack("TopicOffboardingRequested", "'detail':{'topic':'topic2','deleteTopic':true}",
                        "deleteTopic", "deleting data takes a TopicDataDeletionRequested event"),
                new Attack("TopicDataDeletionRequested", "'detail':{'deleteTopic':true}", "topic", ""),
                new Attack("TopicDataDeletionRequested", "'detail':{'topic':'..','deleteTopic':true}", "topic", ""),
                new Attack("TableflowTeardownRequested", "'detail':{'topic':'topic2'}", "detail-type", "\"TableflowTeardownRequested\" is neither"))) {
            Invocation refused = bed.lambda.invoke("AcceptOffboardingRequestFunction", event("o-1", attack.detailType(), attack.rest()));

            assertRefusedAndAnswered(refused, "AcceptOffboardingRequest: offboarding request ", "OffboardingRequestRejected",
                    attack.field(), attack.problem());
        }
        assertThat(bed.startedExecutions("OffboardingStateMachine")).as("offboardings started").isEmpty();
        assertThat(bed.confluent.kafka().topics(bed.confluent.kafkaClusterId())).extracting(topic -> topic.path("topic_name").asText())
                .contains("topic2");
    }

    @Test
    void anIntakeRefusesAnEventTimeThatIsNotATimestamp() {
        Invocation refused = bed.lambda.invoke("AcceptTeardownRequestFunction", json("{'id':'t-2','time':'yesterday',"
                + "'detail-type':'TableflowTeardownRequested','detail':{'force':false}}"));

        assertRefusedAndAnswered(refused, "AcceptTeardownRequest: teardown request t-2", "TeardownRequestRejected", "time",
                "\"yesterday\" is not a timestamp");
    }

    /**
     * A valid request starts one execution, whatever EventBridge's repeated deliveries: its input is the request as the
     * intake read it, under the detail-type EventBridge delivered, and the real offboarding workflow runs on it (here
     * refusing a topic the stack never onboarded, before any Confluent call).
     */
    @Test
    void aValidRequestStartsOneExecutionWithTheRequestTheIntakeRead() {
        String event = event("d-1", "TopicDataDeletionRequested", "'detail':{'deleteSchema':true,'topic':'payments'}");
        for (int delivery = 0; delivery < 2; delivery++) {
            Invocation started = bed.lambda.invoke("AcceptOffboardingRequestFunction", event);
            assertThat(started.failed()).as(started.errorMessage()).isFalse();
        }
        Map<String, String> offboardings = bed.startedExecutions("OffboardingStateMachine");
        assertThat(offboardings).hasSize(1);
        String input = offboardings.values().iterator().next();
        assertThat(input).isEqualTo(json("{'id':'d-1','detail-type':'TopicDataDeletionRequested',"
                + "'detail':{'topic':'payments','deleteSchema':true,'deleteTopic':false}}"));

        ExecutionResult run = bed.run("OffboardingStateMachine", input);

        assertThat(run.succeeded()).isFalse();
        assertThat(run.statesEntered()).doesNotContain("DeleteSchema", "DeleteTopic");
        assertThat(run.cause()).contains("'payments' is not a topic this stack onboarded");
        outcomes.addAll(bed.outcomeEvents());

        Invocation teardown = bed.lambda.invoke("AcceptTeardownRequestFunction", event("t-3", "TableflowTeardownRequested",
                "'detail':{'requestId':'teardown-dev','force':false}"));
        assertThat(teardown.failed()).as(teardown.errorMessage()).isFalse();
        assertThat(bed.startedExecutions("TeardownStateMachine").values()).containsExactly(json("{'force':false,'requestId':'teardown-dev'}"));
    }

    // ----- item 1's name rules, for offboarding and teardown too

    @Test
    void offboardingRefusesTheNamesKafkaRefuses() {
        for (String name : List.of(".", "..")) {
            Invocation refused = bed.lambda.invoke("DisableTableflowTopicFunction", json("{'request':{'topic':'" + name + "'}}"));

            assertThat(refused.errorType()).as(name).isEqualTo(INVALID);
            assertThat(refused.errorMessage()).contains(": invalid topic: ");
        }
        assertNoCallWasMade("DisableTableflowTopic");
    }

    // ----- helpers

    private static String event(String detail) {
        return event("e-1", "TopicOnboardingRequested", detail);
    }

    /** An event as EventBridge delivers it to a target, {@code rest} its detail (and anything else). */
    private static String event(String id, String detailType, String rest) {
        return json("{'version':'0','id':'" + id + "','detail-type':'" + detailType + "','source':'tableflow.onboarding',"
                + "'time':'2026-12-07T10:00:00Z'," + rest + "}");
    }

    private void assertRefusedAndAnswered(Invocation refused, String field, String problem) {
        assertRefusedAndAnswered(refused, "StartOnboarding: onboarding request ", "OnboardingRequestRejected", field, problem);
    }

    /** Refused as invalid input naming the field, answered with {@code rejected}, before any write on either cloud. */
    private void assertRefusedAndAnswered(Invocation refused, String context, String rejected, String field, String problem) {
        assertThat(refused.errorType()).as(refused.errorMessage()).isEqualTo(INVALID);
        assertThat(refused.errorMessage()).startsWith(context).contains(": invalid " + field + ": " + problem);
        List<JsonNode> answers = bed.outcomeEvents();
        JsonNode rejection = single(answers);
        assertThat(rejection.path("detail-type").asText()).isEqualTo(rejected);
        assertThat(rejection.path("detail").path("cause").asText()).startsWith("invalid " + field + ": ");
        assertThat(rejection.toString().length()).as("a huge value is not echoed").isLessThan(2000);
        outcomes.addAll(answers);
        assertNoCallWasMade(context);
        assertThat(bed.confluent.writes()).as("Confluent writes").isEqualTo(confluentWrites);
        assertThat(bed.aws.calls()).extracting(c -> c.operation().action()).as("AWS calls: the answer only").containsExactly("PutEvents");
        assertThat(bed.startedExecutions()).as("executions started").hasSize(executions);
        bed.aws.reset();
    }
}
