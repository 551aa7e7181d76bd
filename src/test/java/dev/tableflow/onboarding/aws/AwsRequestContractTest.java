package dev.tableflow.onboarding.aws;

import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.testbed.aws.MotoBehindProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every AWS operation the functions call, sent by the application's own clients through the test bed's recording
 * proxy, is valid against its service's published model ({@link dev.tableflow.onboarding.testbed.aws.AwsRequestContract});
 * the list of operations is read from the source, so a new call must be exercised here. Needs {@code moto_server}.
 */
class AwsRequestContractTest {

    private static final StepContext CONTEXT = new StepContext("Test", "AWS contract");
    /** A call site: {@code aws.json(AwsApi.GLUE, "GetTable", ...)}. */
    private static final Pattern CALL = Pattern.compile("aws\\.(?:json|query)\\(\\s*AwsApi\\.(\\w+),\\s*\"(\\w+)\"");

    private static MotoBehindProxy moto;
    private static AwsApi aws;

    @BeforeAll
    static void start() {
        moto = MotoBehindProxy.start();
        aws = LocalAws.at(moto.endpoint(), new Deadline());
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void everyOperationTheFunctionsCallIsSentAsItsServiceModelDescribes() throws IOException {
        String roleArn;
        String machine;
        try (IamClient iam = moto.direct(IamClient.builder()).region(Region.AWS_GLOBAL).build();
             SfnClient sfn = moto.direct(SfnClient.builder()).build();
             GlueClient glue = moto.direct(GlueClient.builder()).build();
             DynamoDbClient dynamodb = moto.direct(DynamoDbClient.builder()).build()) {
            roleArn = iam.createRole(r -> r.roleName("customer-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")).role().arn();
            machine = sfn.createStateMachine(r -> r.name("onboarding").roleArn("arn:aws:iam::123456789012:role/sfn")
                    .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}")).stateMachineArn();
            glue.createDatabase(r -> r.databaseInput(d -> d.name("lkc-abc123")));
            dynamodb.createTable(r -> r.tableName("topics").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("table").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("table").keyType(KeyType.HASH)));
        }

        SecretStore secrets = new SecretStore(aws);
        secrets.store(CONTEXT, "dev-api-key", new ApiKeyCredentials("KEY1", "secret-1"), "TableFlow API key", false);
        secrets.store(CONTEXT, "dev-api-key", new ApiKeyCredentials("KEY2", "secret-2"), "TableFlow API key", true);
        secrets.storePending(CONTEXT, "dev-api-key", "0f9c1a52-8b7e-4d3a-9f1e-2c6b5a4d3e21", new ApiKeyCredentials("KEY3", "secret-3"));
        assertThat(secrets.pending(CONTEXT, "dev-api-key")).isPresent();
        SecretStore.Versions versions = secrets.versions(CONTEXT, "dev-api-key");
        secrets.moveStage(CONTEXT, "dev-api-key", SecretStore.CURRENT, "0f9c1a52-8b7e-4d3a-9f1e-2c6b5a4d3e21", versions.versionIn(SecretStore.CURRENT));
        assertThat(secrets.read(CONTEXT, "dev-api-key")).map(ApiKeyCredentials::key).contains("KEY3");

        IamRoles roles = new IamRoles(aws);
        roles.updateTrustPolicy(roleArn, roles.trustPolicy(roleArn).replace("[]", "[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}]"));

        GlueCatalog glue = new GlueCatalog(aws);
        assertThat(glue.table("lkc-abc123", "orders")).isEmpty();
        assertThat(glue.tables("lkc-abc123")).isEmpty();

        assertThat(new EventBus(aws).put("default", "tableflow.onboarding", "TopicOnboarded", "{\"topic\":\"orders\"}").accepted()).isTrue();
        StepFunctions stepFunctions = new StepFunctions(aws);
        assertThat(stepFunctions.executionInput(stepFunctions.startExecution(machine, "onboard-1", "{}"))).isEqualTo("{}");

        TopicRegistry registry = new TopicRegistry(aws);
        assertThat(registry.record("topics", "Orders", TopicRegistry.State.ONBOARDING, TopicRegistry.Origin.CREATED, "exec-1", Instant.now())).isEmpty();
        registry.markAdoptionDone("topics", "exec-1", Instant.now());
        assertThat(registry.find("topics", "orders")).isPresent();
        assertThat(registry.all("topics")).hasSize(1);

        Set<String> sent = moto.proxy().calls().stream().map(call -> call.service() + "." + call.action()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(sent).containsAll(operationsInTheSource());
        moto.proxy().assertNoContractViolations();
    }

    /** Every {@code aws.json}/{@code aws.query} call site under src/main, as "signingName.Operation". */
    private static Set<String> operationsInTheSource() throws IOException {
        Map<String, String> signingNames = Arrays.stream(AwsApi.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == AwsApi.Service.class)
                .collect(Collectors.toMap(field -> field.getName(), field -> {
                    try {
                        return ((AwsApi.Service) field.get(null)).endpointPrefix();
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        Set<String> operations = new TreeSet<>();
        int callSites = 0;
        int read = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                callSites += text.split("aws\\.(json|query)\\(", -1).length - 1;
                Matcher call = CALL.matcher(text);
                while (call.find()) {
                    operations.add(Optional.ofNullable(signingNames.get(call.group(1))).orElseThrow() + "." + call.group(2));
                    read++;
                }
            }
        }
        assertThat(read).as("every call site names its service and operation literally, so that this list is complete").isEqualTo(callSites);
        assertThat(operations).contains("iam.GetRole", "secretsmanager.GetSecretValue", "dynamodb.UpdateItem");
        return operations;
    }
}
