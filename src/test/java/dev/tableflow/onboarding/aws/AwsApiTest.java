package dev.tableflow.onboarding.aws;

import com.sun.net.httpserver.HttpServer;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.errors.RetryableException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.http.HttpTransport;
import dev.tableflow.onboarding.testbed.aws.AwsCall;
import dev.tableflow.onboarding.testbed.aws.AwsRecordingProxy;
import dev.tableflow.onboarding.testbed.aws.Fault;
import dev.tableflow.onboarding.testbed.aws.MotoBehindProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application's own AWS client against moto (a real AWS API emulator) behind the test bed's recording proxy:
 * each protocol, each service's calls, the SDK-like retries and the error mapping. Needs {@code moto_server}.
 */
class AwsApiTest {

    private static final StepContext CONTEXT = new StepContext("Test", "AWS");
    private static final String ROLE_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static MotoBehindProxy moto;
    private static AwsRecordingProxy proxy;
    private static final Deadline DEADLINE = new Deadline();
    private static AwsApi aws;

    @BeforeAll
    static void start() {
        moto = MotoBehindProxy.start();
        proxy = moto.proxy();
        aws = LocalAws.at(proxy.endpoint(), DEADLINE);
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    @AfterEach
    void everyRequestWasItsServiceModels() {
        proxy.assertNoContractViolations();
    }

    @BeforeEach
    void clean() {
        moto.reset();
        DEADLINE.clear();
    }

    @Test
    void secretsAreCreatedReadAndVersionedOverTheJsonProtocol() {
        SecretStore secrets = new SecretStore(aws);
        assertThat(secrets.lookup(CONTEXT, "dev-tableflow-api-key").exists()).isFalse();

        secrets.store(CONTEXT, "dev-tableflow-api-key", new ApiKeyCredentials("KEY1", "secret-1"), "TableFlow API key", false);
        secrets.store(CONTEXT, "dev-tableflow-api-key", new ApiKeyCredentials("KEY2", "secret-2"), "TableFlow API key", true);

        ApiKeyCredentials read = secrets.read(CONTEXT, "dev-tableflow-api-key").orElseThrow();
        assertThat(read.key()).isEqualTo("KEY2");
        assertThat(read.secret()).isEqualTo("secret-2");
        SecretStore.Versions versions = secrets.versions(CONTEXT, "dev-tableflow-api-key");
        assertThat(versions.stagesByVersion()).hasSize(2);
        assertThat(versions.versionIn(SecretStore.PREVIOUS)).isPresent();
        assertThat(proxy.calls()).extracting(AwsCall::toString).containsExactly("secretsmanager.GetSecretValue -> 404",
                "secretsmanager.CreateSecret -> 200", "secretsmanager.PutSecretValue -> 200", "secretsmanager.GetSecretValue -> 200",
                "secretsmanager.DescribeSecret -> 200");
        try (SecretsManagerClient sdk = moto.direct(SecretsManagerClient.builder()).build()) {
            assertThat(read.storedAt()).as("when the current version was stored, which tells a new key from an old one")
                    .isEqualTo(sdk.getSecretValue(r -> r.secretId("dev-tableflow-api-key")).createdDate());
        }
    }

    @Test
    void theTrustPolicyIsReadDecodedAndWrittenOverTheQueryProtocol() {
        try (IamClient iam = moto.direct(IamClient.builder()).region(Region.AWS_GLOBAL).build()) {
            String arn = iam.createRole(r -> r.roleName("customer-role").path("/tableflow/").assumeRolePolicyDocument(ROLE_TRUST)).role().arn();
            IamRoles roles = new IamRoles(aws);

            assertThat(roles.trustPolicy(arn)).isEqualTo(ROLE_TRUST);
            String changed = ROLE_TRUST.replace("lambda.amazonaws.com", "states.amazonaws.com & more");
            roles.updateTrustPolicy(arn, changed);

            assertThat(roles.trustPolicy(arn)).isEqualTo(changed);
            assertThat(proxy.calls()).extracting(AwsCall::toString).contains("iam.UpdateAssumeRolePolicy -> 200");
        }
    }

    @Test
    void glueTablesAreListedAcrossPagesAndAMissingOneIsEmpty() {
        GlueCatalog catalog = new GlueCatalog(aws);
        assertThat(catalog.tables("lkc-abc123")).isEmpty();
        assertThat(catalog.table("lkc-abc123", "orders")).isEmpty();

        try (GlueClient glue = moto.direct(GlueClient.builder()).build()) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("lkc-abc123")));
            for (String table : List.of("orders", "payments")) {
                glue.createTable(r -> r.databaseName("lkc-abc123").tableInput(t -> t.name(table)
                        .storageDescriptor(s -> s.location("s3://bucket/" + table))));
            }
        }

        Instant created = Instant.now();
        assertThat(catalog.tables("lkc-abc123")).extracting(GlueCatalog.Table::name).containsExactlyInAnyOrder("orders", "payments");
        GlueCatalog.Table orders = catalog.table("lkc-abc123", "orders").orElseThrow();
        assertThat(orders.name()).isEqualTo("orders");
        assertThat(orders.location()).isEqualTo("s3://bucket/orders");
        // Glue's UpdateTime, epoch seconds on the wire: read as the moment the table was written.
        assertThat(orders.updated()).isCloseTo(created, within(1, ChronoUnit.MINUTES));
        assertThat(catalog.tables("lkc-abc123")).filteredOn(table -> table.name().equals("orders")).containsExactly(orders);
    }

    /** An Iceberg table registered without a storage descriptor still says where it lives: its metadata_location. */
    @Test
    void aGlueTableWithoutAStorageLocationIsLocatedByItsIcebergMetadata() {
        try (GlueClient glue = moto.direct(GlueClient.builder()).build()) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("lkc-meta")));
            glue.createTable(r -> r.databaseName("lkc-meta").tableInput(t -> t.name("orders")
                    .parameters(java.util.Map.of("table_type", "ICEBERG", "metadata_location", "s3://bucket/t1/metadata/00001.metadata.json"))));
        }

        assertThat(new GlueCatalog(aws).table("lkc-meta", "orders"))
                .map(GlueCatalog.Table::location).contains("s3://bucket/t1/metadata/00001.metadata.json");
    }

    @Test
    void eventsArePutAndAReusedExecutionNameIsRecognised() {
        assertThat(new EventBus(aws).put("default", "tableflow.onboarding", "TopicOnboarded", "{\"topic\":\"orders\"}").eventId()).isNotBlank();

        try (SfnClient sfn = moto.direct(SfnClient.builder()).build()) {
            String machine = sfn.createStateMachine(r -> r.name("onboarding").roleArn("arn:aws:iam::123456789012:role/sfn")
                    .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}")).stateMachineArn();
            StepFunctions stepFunctions = new StepFunctions(aws);
            assertThat(stepFunctions.startExecution(machine, "onboard-1", "{\"topics\":[1]}")).startsWith("arn:aws:states:us-east-1:");

            assertThatThrownBy(() -> stepFunctions.startExecution(machine, "onboard-1", "{\"topics\":[2]}"))
                    .isInstanceOfSatisfying(AwsApiException.class, e -> assertThat(e.is(StepFunctions.ALREADY_EXISTS)).isTrue());
        }
    }

    @Test
    void throttlingAndLostConnectionsAreRepeatedInProcessUpToThreeAttempts() {
        SecretStore secrets = new SecretStore(aws);
        proxy.failNext("secretsmanager", 1, 400);
        proxy.inject(op -> op.service().equals("secretsmanager"), 1, Fault.connectionReset());

        assertThat(secrets.lookup(CONTEXT, "absent").exists()).isFalse();
        assertThat(proxy.calls()).hasSize(3);

        proxy.reset();
        proxy.failNext("secretsmanager", 3, 503);
        assertThatThrownBy(() -> secrets.lookup(CONTEXT, "absent"))
                .isInstanceOf(RetryableException.class).hasMessageContaining("ServiceUnavailable: Service is unavailable");
        assertThat(proxy.calls()).hasSize(3);
    }

    @Test
    void aRepeatTheInvocationHasNoTimeForIsNotMade() {
        SecretStore secrets = new SecretStore(aws);
        proxy.failNext("secretsmanager", 3, 503);
        DEADLINE.start(Deadline.RESERVE.plus(Deadline.SHORTEST_CALL).plusMillis(200).toMillis());

        assertThatThrownBy(() -> secrets.lookup(CONTEXT, "absent"))
                .isInstanceOf(RetryableException.class).hasMessageContaining("ServiceUnavailable: Service is unavailable");
        assertThat(proxy.calls()).as("no time for a pause and a second call").hasSize(1);
    }

    @Test
    void anErrorThatRepeatingCannotFixIsTerminalWithAwsOwnMessage() {
        assertThatThrownBy(() -> AwsCalls.call(CONTEXT, () -> new IamRoles(aws).trustPolicy("arn:aws:iam::123456789012:role/missing")))
                .isInstanceOf(TerminalException.class)
                .hasMessageContaining("NoSuchEntity")
                .hasMessageContaining("missing");
        assertThat(proxy.calls()).hasSize(1);
    }

    @Test
    void containerCredentialsAreFetchedWithTheTokenAndKeptUntilShortlyBeforeTheyExpire() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        AtomicReference<String> token = new AtomicReference<>();
        AtomicReference<Instant> expiration = new AtomicReference<>(Instant.now().plusSeconds(3600));
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/credentials", exchange -> {
            fetched.incrementAndGet();
            token.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"ASIAFETCHED" + fetched.get() + "\",\"SecretAccessKey\":\"s3cr3t\",\"Token\":\"session\","
                    + "\"Expiration\":\"" + expiration.get() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        try {
            Map<String, String> env = Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "lambda-token");
            AwsCredentials credentials = new AwsCredentials(env::get, new HttpTransport(new Deadline()));

            AwsCredentials.Keys first = credentials.resolve();
            assertThat(credentials.resolve()).isSameAs(first);
            assertThat(first.accessKeyId()).isEqualTo("ASIAFETCHED1");
            assertThat(first.sessionToken()).contains("session");
            assertThat(first.toString()).doesNotContain("s3cr3t");
            assertThat(token.get()).isEqualTo("lambda-token");
            assertThat(fetched.get()).isEqualTo(1);

            expiration.set(Instant.now().plus(AwsCredentials.RENEW_BEFORE).minusSeconds(1));
            credentials = new AwsCredentials(env::get, new HttpTransport(new Deadline()));
            credentials.resolve();
            assertThat(credentials.resolve().accessKeyId()).isEqualTo("ASIAFETCHED3");
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void withoutAnyCredentialsTheCallFailsNamingWhatIsMissing() {
        AwsCredentials none = new AwsCredentials(name -> null, new HttpTransport(new Deadline()));

        assertThatThrownBy(none::resolve).isInstanceOf(AwsApiException.class).hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    }
}
