package dev.tableflow.onboarding.testbed.aws;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AWS model check catches each kind of wrong request, and never quotes a request's values (they may be secrets). */
class AwsRequestContractViolationsTest {

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/%s/aws4_request, SignedHeaders=host, Signature=0";

    @Test
    void aValidRequestHasNoViolation() {
        assertThat(json("secretsmanager", "application/x-amz-json-1.1", "secretsmanager.GetSecretValue",
                "{\"SecretId\":\"dev-api-key\",\"VersionStage\":\"AWSCURRENT\"}")).isEmpty();
        assertThat(query("Action=UpdateAssumeRolePolicy&Version=2010-05-08&RoleName=customer-role&PolicyDocument=%7B%7D")).isEmpty();
    }

    @Test
    void theProtocolIsTheModels() {
        assertThat(json("secretsmanager", "application/x-amz-json-1.0", "secretsmanager.GetSecretValue", "{\"SecretId\":\"s\"}"))
                .containsExactly("secretsmanager: Content-Type application/x-amz-json-1.0, but the model's JSON version calls for application/x-amz-json-1.1");
        assertThat(json("states", "application/x-amz-json-1.0", "StepFunctions.StartExecution", "{}"))
                .singleElement().asString().contains("does not start with the model's target prefix AWSStepFunctions.");
        assertThat(json("glue", "application/x-amz-json-1.1", "AWSGlue.GetTableX", "{}"))
                .containsExactly("glue: no operation GetTableX in the service's model");
        assertThat(AwsRequestContract.violations("secretsmanager", "GET", "/secrets", "application/x-amz-json-1.1", "secretsmanager.ListSecrets", new byte[0]))
                .singleElement().asString().contains("GET /secrets, but its json protocol is POST to /");
        assertThat(query("Action=GetRole&Version=2011-01-01&RoleName=r"))
                .containsExactly("iam: Version 2011-01-01, but the model's API version is 2010-05-08");
        assertThat(AwsRequestContract.violations("logs", "POST", "/", "application/x-amz-json-1.1", "Logs_20140328.PutLogEvents", new byte[0]))
                .singleElement().asString().contains("no model of");
    }

    @Test
    void membersAreTheShapesOwn() {
        assertThat(json("secretsmanager", "application/x-amz-json-1.1", "secretsmanager.GetSecretValue", "{\"SecretID\":\"s\"}"))
                .containsExactlyInAnyOrder("secretsmanager.GetSecretValue: SecretID is not a member of GetSecretValueRequest",
                        "secretsmanager.GetSecretValue: SecretId is required and missing");
        assertThat(json("dynamodb", "application/x-amz-json-1.0", "DynamoDB_20120810.GetItem",
                "{\"TableName\":\"t\",\"ConsistentRead\":\"true\",\"Key\":{\"table\":{\"S\":\"x\"}},\"ReturnConsumedCapacity\":\"ALL\"}"))
                .containsExactlyInAnyOrder("dynamodb.GetItem: ConsistentRead must be a boolean",
                        "dynamodb.GetItem: ReturnConsumedCapacity is not one of ReturnConsumedCapacity's values [\"INDEXES\",\"TOTAL\",\"NONE\"]");
        assertThat(json("events", "application/x-amz-json-1.1", "AWSEvents.PutEvents", "{\"Entries\":[]}"))
                .containsExactly("events.PutEvents: Entries has 0 items, outside PutEventsRequestEntryList's 1..10");
        assertThat(json("dynamodb", "application/x-amz-json-1.0", "DynamoDB_20120810.GetItem", "{\"TableName\":\"t\",\"Key\":{\"table\":{\"Q\":\"x\"}}}"))
                .containsExactly("dynamodb.GetItem: Key.table.Q is not a member of AttributeValue");
    }

    @Test
    void lengthsAndPatternsAreTheModels() {
        assertThat(json("glue", "application/x-amz-json-1.1", "AWSGlue.GetTable", "{\"DatabaseName\":\"\",\"Name\":\"orders\"}"))
                .singleElement().asString().startsWith("glue.GetTable: DatabaseName has 0 characters, outside NameString's 1..");
        assertThat(query("Action=GetRole&Version=2010-05-08&RoleName=%21%21%21"))
                .containsExactly("iam.GetRole: RoleName does not match roleNameType's pattern [\\w+=,.@-]+");
        assertThat(query("Action=UpdateAssumeRolePolicy&Version=2010-05-08&RoleName=r&Extra=1"))
                .containsExactlyInAnyOrder("iam.UpdateAssumeRolePolicy: Extra is not a member of UpdateAssumeRolePolicyRequest",
                        "iam.UpdateAssumeRolePolicy: PolicyDocument is required and missing");
    }

    @Test
    void aViolationNamesTheMemberButNeverItsValue() {
        List<String> violations = json("secretsmanager", "application/x-amz-json-1.1", "secretsmanager.PutSecretValue",
                "{\"SecretId\":\"s\",\"SecretString\":7,\"ClientRequestToken\":\"hunter2-secret-token\"}");
        assertThat(violations).isNotEmpty().noneMatch(v -> v.contains("hunter2"));
        assertThat(violations).anyMatch(v -> v.contains("SecretString must be a string"));
    }

    /** The proxy checks what passes through it, also when the service behind it does not answer. */
    @Test
    void theRecordingProxyRecordsAndReportsAViolation() throws Exception {
        try (AwsRecordingProxy proxy = AwsRecordingProxy.start(URI.create("http://127.0.0.1:9")); HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(proxy.endpoint()).header("Authorization", AUTHORIZATION.formatted("glue"))
                    .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "AWSGlue.GetTable")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Database\":\"lkc-1\",\"Name\":\"orders\"}")).build(), HttpResponse.BodyHandlers.discarding());
            proxy.reset();

            assertThat(proxy.contractViolations()).containsExactlyInAnyOrder("glue.GetTable: Database is not a member of GetTableRequest",
                    "glue.GetTable: DatabaseName is required and missing");
            assertThatThrownBy(proxy::assertNoContractViolations).hasMessageStartingWith("2 AWS contract violation(s)");
        }
    }

    private static List<String> json(String service, String contentType, String target, String body) {
        return AwsRequestContract.violations(service, "POST", "/", contentType, target, body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> query(String form) {
        return AwsRequestContract.violations("iam", "POST", "/", "application/x-www-form-urlencoded; charset=utf-8", null, form.getBytes(StandardCharsets.UTF_8));
    }
}
