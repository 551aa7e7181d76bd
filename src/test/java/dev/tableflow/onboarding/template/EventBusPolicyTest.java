package dev.tableflow.onboarding.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tableflow.onboarding.template.PutEventsEntry.JSON;
import static dev.tableflow.onboarding.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may send which request on the project's bus: the resource policy of {@code TableflowEventBus}, rendered from
 * template.yaml for a deployment's parameters, judged by an IAM policy simulator (@cloud-copilot/iam-simulate, run by
 * src/test/node/simulate-bus-policy.mjs) for PutEvents calls of principals of the account that their own IAM policy
 * allows to put events on the bus. Such a principal is stopped only by an explicit Deny in the bus's policy, so every
 * refusal asserted here is {@code ExplicitlyDenied}.
 */
class EventBusPolicyTest {

    private static final String ACCOUNT = "123456789012";
    private static final String BUS = "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/tableflow-onboarding-dev";
    private static final String ALLOWED = "Allowed";
    private static final String DENIED = "ExplicitlyDenied";
    private static final String IMPLICITLY_DENIED = "ImplicitlyDenied";

    private static final String ONBOARD = "TopicOnboardingRequested";
    private static final String OFFBOARD = "TopicOffboardingRequested";
    private static final String DELETE_DATA = "TopicDataDeletionRequested";
    private static final String TEARDOWN = "TableflowTeardownRequested";
    /** Requests nobody is kept from: the bootstrap only repairs, the status report only reads. */
    private static final List<String> UNPROTECTED = List.of("TableflowBootstrapRequested", "TableflowStatusRequested");

    private static final String TEAM_A = role("team-a");
    private static final String DATA_TEAM_EU = role("data-team-eu");
    private static final String TEAM_B = role("team-b");
    private static final String PLATFORM_ADMIN = role("platform-admin");
    private static final String ACCOUNT_ADMIN = role("Admin");
    /** What PublishOutcome, the intake and the status report run as: they publish outcomes, never requests. */
    private static final String FUNCTION_ROLE = role("tableflow-dev-PublishOutcomeFunctionRole-1AB2C3");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void byDefaultNobodyDeletesDataOrTearsDownAndOnboardingIsLeftToIam() {
        Cases cases = new Cases();
        for (String principal : List.of(TEAM_A, PLATFORM_ADMIN, ACCOUNT_ADMIN)) {
            cases.expect(DENIED, principal, DELETE_DATA).expect(DENIED, principal, TEARDOWN);
            for (String detailType : List.of(ONBOARD, OFFBOARD, UNPROTECTED.get(0), UNPROTECTED.get(1))) {
                cases.expect(ALLOWED, principal, detailType);
            }
        }
        cases.check(policy(Map.of()));
    }

    @Test
    void namedPrincipalsSendTheirRequestsAndEveryoneElseIsDenied() {
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        allowed.put(TEAM_A, List.of(ONBOARD, OFFBOARD));
        allowed.put(DATA_TEAM_EU, List.of(ONBOARD, OFFBOARD));
        allowed.put(PLATFORM_ADMIN, List.of(DELETE_DATA, TEARDOWN));
        allowed.put(TEAM_B, List.of());
        allowed.put(ACCOUNT_ADMIN, List.of());
        Cases cases = new Cases();
        allowed.forEach((principal, requests) -> {
            for (String detailType : List.of(ONBOARD, OFFBOARD, DELETE_DATA, TEARDOWN)) {
                cases.expect(requests.contains(detailType) ? ALLOWED : DENIED, principal, detailType);
            }
            UNPROTECTED.forEach(detailType -> cases.expect(ALLOWED, principal, detailType));
        });
        cases.check(policy(Map.of("OnboardingRequesters", TEAM_A + "," + role("data-team-*"),
                "DataDeletionRequesters", PLATFORM_ADMIN, "TeardownRequesters", PLATFORM_ADMIN)));
    }

    /** One PutEvents call may carry up to ten entries: a protected one among harmless ones denies the whole call. */
    @Test
    void aProtectedEntryCannotHideInABatch() {
        new Cases().expect(DENIED, TEAM_A, ONBOARD, TEARDOWN)
                .expect(DENIED, TEAM_B, UNPROTECTED.get(0), ONBOARD, UNPROTECTED.get(1))
                .expect(ALLOWED, TEAM_A, ONBOARD, OFFBOARD, UNPROTECTED.get(1))
                .check(policy(Map.of("OnboardingRequesters", TEAM_A)));
    }

    /** The workflows publish their outcomes on the same bus; no list of requesters may stop them. */
    @Test
    void theFunctionsStillPublishOutcomes() {
        Cases cases = new Cases();
        for (String outcome : List.of("TopicOnboarded", "TopicOnboardingFailed", "TopicOnboardingPlanned", "OnboardingRequestRejected", "TopicOffboarded",
                "TableflowTeardownCompleted", "TableflowStatusReported", "TableflowDriftDetected")) {
            cases.expect(ALLOWED, FUNCTION_ROLE, outcome);
        }
        cases.check(policy(Map.of("OnboardingRequesters", TEAM_A, "DataDeletionRequesters", PLATFORM_ADMIN, "TeardownRequesters", PLATFORM_ADMIN)));
    }

    /** The policy only denies: it grants nothing to a principal IAM does not allow, nor to another account. */
    @Test
    void thePolicyGrantsNothing() {
        JsonNode policy = policy(Map.of("OnboardingRequesters", TEAM_A + ",arn:aws:iam::999999999999:role/team-a"));

        assertThat(policy.path("Statement")).isNotEmpty()
                .allSatisfy(statement -> assertThat(statement.path("Effect").asText()).isEqualTo("Deny"));
        new Cases().expect(IMPLICITLY_DENIED, "arn:aws:iam::999999999999:role/team-a", ONBOARD)
                .expectWithoutIamPermission(IMPLICITLY_DENIED, TEAM_A, ONBOARD)
                .check(policy);
    }

    /** Requests and the decision each should get, simulated in one run of the simulator. */
    private final class Cases {
        private final List<ObjectNode> requests = new ArrayList<>();
        private final List<String> expected = new ArrayList<>();

        /** A principal whose own IAM policy allows it to put events on the bus sends one call of these entries. */
        Cases expect(String decision, String principal, String... detailTypes) {
            requests.add(request(principal, true, detailTypes));
            expected.add(decision);
            return this;
        }

        /** The same, from a principal whose own IAM policy does not allow it. */
        Cases expectWithoutIamPermission(String decision, String principal, String... detailTypes) {
            requests.add(request(principal, false, detailTypes));
            expected.add(decision);
            return this;
        }

        void check(JsonNode policy) {
            List<String> decisions = simulate(policy, requests);
            for (int i = 0; i < requests.size(); i++) {
                assertThat(decisions.get(i)).as(requests.get(i) + " under " + policy).isEqualTo(expected.get(i));
            }
        }
    }

    // ----- the policy as CloudFormation renders it, and the simulator

    /** TableflowEventBus's Policy for the given parameter values (others at their defaults), as deployed. */
    private JsonNode policy(Map<String, String> parameters) {
        Map<String, Object> values = new LinkedHashMap<>();
        map(template.root(), "Parameters").forEach((name, declaration) -> {
            Object value = parameters.getOrDefault(name, String.valueOf(map(declaration).getOrDefault("Default", "")));
            // CloudFormation splits a CommaDelimitedList on commas: '' is the list of one empty string.
            values.put(name, "CommaDelimitedList".equals(map(declaration).get("Type"))
                    ? Arrays.asList(String.valueOf(value).split(",", -1)) : value);
        });
        values.put("EnvironmentName", "dev");
        values.put("AWS::Partition", "aws");
        values.put("AWS::Region", "us-east-1");
        values.put("AWS::AccountId", ACCOUNT);
        Object chosen = SamTemplate.choose(map(template.resource("TableflowEventBus"), "Properties").get("Policy"),
                template.conditions(values));
        return JSON.valueToTree(SamTemplate.resolve(chosen, values));
    }

    private static String role(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static ObjectNode request(String principal, boolean identityAllows, String... detailTypes) {
        ObjectNode request = JSON.createObjectNode().put("principal", principal).put("identityAllows", identityAllows);
        ArrayNode types = request.putArray("detailTypes");
        Arrays.stream(detailTypes).forEach(types::add);
        return request;
    }

    private List<String> simulate(JsonNode policy, List<ObjectNode> requests) {
        ObjectNode input = JSON.createObjectNode().put("bus", BUS);
        input.set("resourcePolicy", policy);
        input.putArray("requests").addAll(requests);
        try {
            Process node = new ProcessBuilder("node", "src/test/node/simulate-bus-policy.mjs").directory(template.directory().toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (Writer in = node.outputWriter(StandardCharsets.UTF_8)) {
                in.write(input.toString());
            }
            List<String> decisions = new ArrayList<>();
            for (String line : new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    decisions.add(JSON.readTree(line).path("decision").asText());
                }
            }
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the simulator ended").isTrue();
            assertThat(node.exitValue()).as("the simulator accepted the policy and the requests: " + input).isZero();
            assertThat(decisions).hasSize(requests.size());
            return decisions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (Node 20+ must be on PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
