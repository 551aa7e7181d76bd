package dev.tableflow.onboarding.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.status.ReportStatus;
import dev.tableflow.onboarding.steps.PublishOutcome;
import dev.tableflow.onboarding.steps.offboarding.AcceptOffboardingRequest;
import dev.tableflow.onboarding.steps.onboarding.ResumeTableflowTopic;
import dev.tableflow.onboarding.steps.onboarding.StartOnboarding;
import dev.tableflow.onboarding.steps.teardown.AcceptTeardownRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tableflow.onboarding.template.PutEventsEntry.JSON;
import static dev.tableflow.onboarding.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EventBridge rules of template.yaml, matched by AWS's own engine (Event Ruler) against the sample events in
 * events/ (the files the README tells operators to send) and against near-misses. Each event is routed like
 * EventBridge routes it: only rules on the bus it is sent to can match it.
 */
class EventRulesTest {

    private static final String ENVIRONMENT = "dev";
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final String NOW = "2026-11-21T09:15:42Z";
    /** AWS::StackId of the deployed stack, as in events/stack-update-complete.json. */
    private static final String STACK_ID =
            "arn:aws:cloudformation:us-east-1:123456789012:stack/tableflow-onboarding-dev/5b4c2d10-a7e4-11f0-9c3e-0e8f2a6b7c41";

    private static final String STACK_DEPLOYED = "BootstrapStateMachineStackDeployed";
    private static final String BOOTSTRAP_REQUESTED = "BootstrapStateMachineBootstrapRequested";
    private static final String ONBOARDING_REQUESTED = "StartOnboardingFunctionTopicOnboardingRequested";
    private static final String TEARDOWN_REQUESTED = "AcceptTeardownRequestFunctionTableflowTeardownRequested";
    private static final String OFFBOARDING_REQUESTED = "AcceptOffboardingRequestFunctionTopicOffboardingRequested";
    private static final String RESUME_REQUESTED = "ResumeTableflowTopicFunctionTopicResumeRequested";

    private static Path events;
    private static String projectBus;
    /** Bus name → the rules on it, as an Event Ruler machine whose rule names are SAM's generated rule ids. */
    private static final Map<String, Machine> RULES_BY_BUS = new LinkedHashMap<>();

    @BeforeAll
    static void loadRules() throws Exception {
        SamTemplate template = SamTemplate.load();
        events = template.directory().resolve("events");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("EnvironmentName", ENVIRONMENT);
        values.put("AWS::StackId", STACK_ID);
        template.propertiesOfType("AWS::Events::EventBus")
                .forEach((id, properties) -> values.put(id, SamTemplate.resolve(properties.get("Name"), values)));
        projectBus = (String) values.get("TableflowEventBus");

        for (var resource : template.resources().entrySet()) {
            // SAM names the rule it generates <resource id><event name>.
            map(resource.getValue(), "Properties", "Events").forEach((eventName, event) -> {
                if ("EventBridgeRule".equals(map(event).get("Type"))) {
                    Map<String, Object> properties = map(event, "Properties");
                    addRule(resource.getKey() + eventName, properties.get("EventBusName"), properties.get("Pattern"), values);
                }
            });
            if ("AWS::Events::Rule".equals(map(resource.getValue()).get("Type"))) {
                Map<String, Object> properties = map(resource.getValue(), "Properties");
                addRule(resource.getKey(), properties.get("EventBusName"), properties.get("EventPattern"), values);
            }
        }
    }

    private static void addRule(String name, Object busName, Object pattern, Map<String, Object> values) {
        String bus = busName == null ? PutEventsEntry.DEFAULT_BUS : (String) SamTemplate.resolve(busName, values);
        try {
            String json = JSON.writeValueAsString(SamTemplate.resolve(pattern, values));
            RULES_BY_BUS.computeIfAbsent(bus, b -> Machine.builder().build()).addRule(name, json);
        } catch (Exception e) {
            throw new AssertionError("rule " + name + " has a pattern Event Ruler rejects: " + pattern, e);
        }
    }

    // ----- (a) bootstrap after each successful deploy of THIS stack (default bus)

    @Test
    void stackUpdateCompleteSampleStartsBootstrap() throws Exception {
        assertThat(rulesMatching(PutEventsEntry.DEFAULT_BUS, stackEvent())).containsExactly(STACK_DEPLOYED);
    }

    @Test
    void stackCreateCompleteStartsBootstrap() throws Exception {
        assertThat(rulesMatching(PutEventsEntry.DEFAULT_BUS, withStatus(stackEvent(), "CREATE_COMPLETE"))).containsExactly(STACK_DEPLOYED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE_IN_PROGRESS", "CREATE_FAILED", "ROLLBACK_COMPLETE", "UPDATE_IN_PROGRESS",
            "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_FAILED", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE",
            "DELETE_IN_PROGRESS", "DELETE_COMPLETE", "IMPORT_COMPLETE"})
    void otherStackStatusesDoNotStartBootstrap(String status) throws Exception {
        assertThat(rulesMatching(PutEventsEntry.DEFAULT_BUS, withStatus(stackEvent(), status))).isEmpty();
    }

    @Test
    void anotherStacksUpdateCompleteDoesNotStartBootstrap() throws Exception {
        String otherStack = "arn:aws:cloudformation:us-east-1:123456789012:stack/tableflow-onboarding-prod/0f1e2d3c-a7e4-11f0-8b2a-12ab34cd56ef";
        // Same name, earlier incarnation: a deleted and re-created stack has a new stack id.
        String earlierSelf = STACK_ID.substring(0, STACK_ID.lastIndexOf('/') + 1) + "11111111-2222-3333-4444-555555555555";
        for (String stackId : List.of(otherStack, earlierSelf)) {
            ObjectNode event = stackEvent();
            event.withObject("/detail").put("stack-id", stackId);
            event.putArray("resources").add(stackId);
            assertThat(rulesMatching(PutEventsEntry.DEFAULT_BUS, event)).as(stackId).isEmpty();
        }
    }

    @Test
    void resourceStatusChangesOfThisStackDoNotStartBootstrap() throws Exception {
        // Every resource of the stack reports its own UPDATE_COMPLETE with the same stack-id.
        ObjectNode event = stackEvent();
        event.put("detail-type", "CloudFormation Resource Status Change");
        event.withObject("/detail").put("logical-resource-id", "EnsureTopicFunction").put("resource-type", "AWS::Lambda::Function");
        assertThat(rulesMatching(PutEventsEntry.DEFAULT_BUS, event)).isEmpty();
    }

    @Test
    void stackStatusEventFromAnotherSourceDoesNotStartBootstrap() throws Exception {
        ObjectNode event = stackEvent();
        event.put("source", "tableflow.onboarding");
        assertThat(rulesMatching(PutEventsEntry.DEFAULT_BUS, event)).isEmpty();
        assertThat(rulesMatching(projectBus, event)).isEmpty();
    }

    @Test
    void stackSampleIsConsistent() throws Exception {
        JsonNode event = stackEvent();
        assertThat(event.path("source").asText()).isEqualTo("aws.cloudformation");
        assertThat(event.path("detail-type").asText()).isEqualTo("CloudFormation Stack Status Change");
        assertThat(event.path("detail").path("status-details").path("status").asText()).isEqualTo("UPDATE_COMPLETE");
        assertThat(event.path("resources")).hasSize(1);
        assertThat(event.path("resources").get(0).asText()).isEqualTo(STACK_ID);
        assertThat(event.path("detail").path("stack-id").asText()).isEqualTo(STACK_ID);
        assertThat(STACK_ID).startsWith("arn:aws:cloudformation:" + event.path("region").asText() + ":" + event.path("account").asText() + ":stack/");
    }

    // ----- (b) bootstrap on request (project bus)

    @Test
    void bootstrapRequestedSampleStartsBootstrap() throws Exception {
        PutEventsEntry request = single("bootstrap-requested.json");
        assertThat(request.eventBusName()).isEqualTo(projectBus);
        assertThat(rulesMatching(request)).containsExactly(BOOTSTRAP_REQUESTED);
    }

    @Test
    void bootstrapRequestOnTheDefaultBusIsIgnored() throws Exception {
        PutEventsEntry request = single("bootstrap-requested.json").withEventBusName(PutEventsEntry.DEFAULT_BUS);
        assertThat(rulesMatching(request)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TableflowBootstrapRequest", "tableflowbootstraprequested", "BootstrapRequested", "TableflowBootstrapCompleted"})
    void bootstrapRequestWithAnotherDetailTypeIsIgnored(String detailType) throws Exception {
        assertThat(rulesMatching(single("bootstrap-requested.json").withDetailType(detailType))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tableflow.onboarding.test", "Tableflow.Onboarding", "tableflow", "aws.cloudformation"})
    void requestsFromAnotherSourceAreIgnored(String source) throws Exception {
        assertThat(rulesMatching(single("bootstrap-requested.json").withSource(source))).isEmpty();
        assertThat(rulesMatching(single("onboard-topic2.json").withSource(source))).isEmpty();
    }

    // ----- outcomes, into the stack's outcome log group (project bus)

    private static final String OUTCOME_LOG = "OutcomeLogRule";

    @ParameterizedTest
    @ValueSource(strings = {"topic-onboarded.json", "topic-onboarding-failed.json", "onboarding-request-rejected.json",
            "topic-offboarded.json", "teardown-completed.json", "offboarding-request-rejected.json", "teardown-request-rejected.json",
            "topic-resumed.json", "topic-onboarding-planned.json"})
    void everyOutcomeSampleLandsInTheOutcomeLogAndStartsNothing(String file) throws Exception {
        JsonNode outcome = JSON.readTree(events.resolve("outcomes").resolve(file).toFile());
        assertThat(rulesMatching(projectBus, outcome)).containsExactly(OUTCOME_LOG);
        assertThat(rulesMatching(PutEventsEntry.DEFAULT_BUS, outcome)).isEmpty();
    }

    @Test
    void noRequestSampleLandsInTheOutcomeLog() throws Exception {
        try (var samples = Files.list(events)) {
            // The PutEvents samples, not the events AWS services send (stack-update-complete.json, rotate-secret-*.json).
            for (Path file : samples.filter(f -> f.toString().endsWith(".json")).filter(EventRulesTest::isPutEventsEntries).toList()) {
                for (PutEventsEntry request : PutEventsEntry.read(file)) {
                    if (request.eventBusName().equals(projectBus)) {
                        assertThat(rulesMatching(request)).as(file.getFileName().toString()).doesNotContain(OUTCOME_LOG);
                    }
                }
            }
        }
    }

    /** Every detail-type a function publishes, and nothing else, is on the outcome rule. */
    @Test
    void theOutcomeRuleListsExactlyWhatTheFunctionsPublish() throws Exception {
        Set<String> published = new HashSet<>(List.of(PublishOutcome.ONBOARDED, PublishOutcome.FAILED, PublishOutcome.PLANNED, PublishOutcome.OFFBOARDED,
                PublishOutcome.OFFBOARDING_FAILED, PublishOutcome.TEARDOWN_COMPLETED, PublishOutcome.TEARDOWN_FAILED,
                StartOnboarding.REJECTED, AcceptOffboardingRequest.REJECTED, AcceptTeardownRequest.REJECTED, ReportStatus.REPORTED,
                ReportStatus.DRIFT_DETECTED, ResumeTableflowTopic.RESUMED, ResumeTableflowTopic.RESUME_FAILED));
        ObjectNode outcome = (ObjectNode) JSON.readTree(events.resolve("outcomes").resolve("topic-onboarded.json").toFile());
        for (String detailType : published) {
            assertThat(rulesMatching(projectBus, outcome.put("detail-type", detailType))).as(detailType).containsExactly(OUTCOME_LOG);
        }
        assertThat(rulesMatching(projectBus, outcome.put("detail-type", "TopicOnboardedX"))).isEmpty();
        Object listed = map(SamTemplate.load().resources().get("OutcomeLogRule"), "Properties", "EventPattern").get("detail-type");
        assertThat(new HashSet<>((List<?>) listed)).isEqualTo(published);
    }

    private static boolean isPutEventsEntries(Path file) {
        try {
            return JSON.readTree(file.toFile()).isArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ----- topic onboarding requests (project bus, through the intake function)

    @ParameterizedTest
    @ValueSource(strings = {"onboard-topic2.json", "onboard-batch.json"})
    void onboardingSamplesReachTheIntakeOnly(String file) throws Exception {
        for (PutEventsEntry request : PutEventsEntry.read(events.resolve(file))) {
            assertThat(request.eventBusName()).isEqualTo(projectBus);
            assertThat(rulesMatching(request)).containsExactly(ONBOARDING_REQUESTED);
        }
    }

    @Test
    void onboardingSamplesSayWhatTheyPromise() throws Exception {
        JsonNode topic2 = JSON.readTree(single("onboard-topic2.json").detail()).path("topics");
        assertThat(topic2).hasSize(1);
        assertThat(topic2.get(0).path("name").asText()).isEqualTo("topic2");
        assertThat(topic2.get(0).path("partitions").asInt()).isEqualTo(1);
        assertThat(topic2.get(0).path("schema").path("name").asText()).isEqualTo("topic2-value");

        JsonNode batch = JSON.readTree(single("onboard-batch.json").detail()).path("topics");
        assertThat(batch.size()).isGreaterThan(1);
        Set<String> names = new HashSet<>();
        batch.forEach(topic -> names.add(topic.path("name").asText()));
        assertThat(names).as("distinct topic names").hasSize(batch.size());
    }

    @Test
    void onboardingRequestOnTheDefaultBusIsIgnored() throws Exception {
        assertThat(rulesMatching(single("onboard-topic2.json").withEventBusName(PutEventsEntry.DEFAULT_BUS))).isEmpty();
    }

    /** What the workflows publish on the same bus must not loop back into a workflow. */
    @ParameterizedTest
    @ValueSource(strings = {"TopicOnboardingSucceeded", "TopicOnboardingFailed", "TopicOnboarded", "TopicOnboardingCompleted",
            "TopicOnboardingRequest", "topiconboardingrequested", "OnboardingRequestRejected"})
    void otherTopicEventsStartNothing(String detailType) throws Exception {
        // The workflows' own outcomes go to the outcome log only.
        assertThat(rulesMatching(single("onboard-topic2.json").withDetailType(detailType))).isSubsetOf(OUTCOME_LOG);
    }

    // ----- topic offboarding (project bus): one rule for both detail-types, which the bus's policy tells apart

    @ParameterizedTest
    @ValueSource(strings = {"offboard-topic2.json", "delete-topic2-data.json"})
    void offboardingSamplesStartTheOffboardingOnly(String file) throws Exception {
        PutEventsEntry request = single(file);
        assertThat(request.eventBusName()).isEqualTo(projectBus);
        assertThat(rulesMatching(request)).containsExactly(OFFBOARDING_REQUESTED);
    }

    @Test
    void offboardingSamplesSayWhatTheyPromise() throws Exception {
        PutEventsEntry keep = single("offboard-topic2.json");
        PutEventsEntry delete = single("delete-topic2-data.json");
        assertThat(keep.detailType()).isEqualTo("TopicOffboardingRequested");
        assertThat(JSON.readTree(keep.detail()).has("deleteTopic")).as("the keep-data sample asks for no deletion").isFalse();
        assertThat(delete.detailType()).isEqualTo("TopicDataDeletionRequested");
        assertThat(JSON.readTree(delete.detail()).path("deleteTopic").asBoolean()).isTrue();
    }

    @Test
    void offboardingWithoutATopicReachesTheIntakeToBeAnsweredAndOnTheDefaultBusNothing() throws Exception {
        assertThat(rulesMatching(single("delete-topic2-data.json").withDetail("{\"deleteTopic\":true}"))).containsExactly(OFFBOARDING_REQUESTED);
        assertThat(rulesMatching(single("delete-topic2-data.json").withEventBusName(PutEventsEntry.DEFAULT_BUS))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TopicOffboarded", "TopicOffboardingFailed", "topicdatadeletionrequested", "TopicDataDeletion",
            "TopicDeletionRequested"})
    void otherDetailTypesDoNotStartTheOffboarding(String detailType) throws Exception {
        assertThat(rulesMatching(single("delete-topic2-data.json").withDetailType(detailType))).doesNotContain(OFFBOARDING_REQUESTED);
    }

    // ----- resuming a suspended topic (project bus, straight to its function)

    @Test
    void theResumeSampleReachesTheResumeOnlyAndSaysWhatItPromises() throws Exception {
        PutEventsEntry request = single("resume-topic2.json");
        assertThat(request.eventBusName()).isEqualTo(projectBus);
        assertThat(rulesMatching(request)).containsExactly(RESUME_REQUESTED);
        assertThat(JSON.readTree(request.detail()).path("topic").asText()).isEqualTo("topic2");
        assertThat(rulesMatching(request.withEventBusName(PutEventsEntry.DEFAULT_BUS))).isEmpty();
        assertThat(rulesMatching(request.withDetailType("TopicResumed"))).doesNotContain(RESUME_REQUESTED);
    }

    // ----- environment teardown (project bus)

    @Test
    void teardownSampleStartsTheTeardownOnly() throws Exception {
        PutEventsEntry request = single("teardown-requested.json");
        assertThat(request.eventBusName()).isEqualTo(projectBus);
        assertThat(rulesMatching(request)).containsExactly(TEARDOWN_REQUESTED);
        JsonNode detail = JSON.readTree(request.detail());
        assertThat(detail.path("force").isBoolean()).as("the sample shows force as a JSON boolean").isTrue();
        assertThat(detail.path("force").asBoolean()).as("the sample keeps the TableFlow key").isFalse();
    }

    @Test
    void teardownRequestOnTheDefaultBusOrFromAnotherSourceIsIgnored() throws Exception {
        assertThat(rulesMatching(single("teardown-requested.json").withEventBusName(PutEventsEntry.DEFAULT_BUS))).isEmpty();
        assertThat(rulesMatching(single("teardown-requested.json").withSource("tableflow"))).isEmpty();
    }

    /** The teardown's own outcomes, and near-misses, start nothing; nor does a teardown request start a bootstrap. */
    @ParameterizedTest
    @ValueSource(strings = {"TableflowTeardownCompleted", "TableflowTeardownFailed", "TableflowTeardownRequest",
            "tableflowteardownrequested", "TableflowBootstrapRequested"})
    void otherDetailTypesDoNotStartTheTeardown(String detailType) throws Exception {
        assertThat(rulesMatching(single("teardown-requested.json").withDetailType(detailType))).doesNotContain(TEARDOWN_REQUESTED);
    }

    // ----- helpers

    private static ObjectNode stackEvent() throws Exception {
        return (ObjectNode) JSON.readTree(events.resolve("stack-update-complete.json").toFile());
    }

    private static ObjectNode withStatus(ObjectNode event, String status) {
        event.withObject("/detail").withObject("/status-details").put("status", status);
        return event;
    }

    private static PutEventsEntry single(String file) {
        List<PutEventsEntry> entries = PutEventsEntry.read(events.resolve(file));
        assertThat(entries).as(file).hasSize(1);
        return entries.getFirst();
    }

    private static List<String> rulesMatching(PutEventsEntry entry) throws Exception {
        return rulesMatching(entry.eventBusName(), entry.delivered(ACCOUNT, REGION, NOW));
    }

    private static List<String> rulesMatching(String bus, JsonNode event) throws Exception {
        Machine rules = RULES_BY_BUS.get(bus);
        return rules == null ? List.of() : new ArrayList<>(rules.rulesForJSONEvent(JSON.writeValueAsString(event)));
    }
}
