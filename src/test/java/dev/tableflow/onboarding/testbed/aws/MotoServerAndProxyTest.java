package dev.tableflow.onboarding.testbed.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MotoServerAndProxyTest {

    private static MotoBehindProxy aws;
    private static AwsRecordingProxy proxy;
    private static SecretsManagerClient secrets;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        aws = MotoBehindProxy.start();
        proxy = aws.proxy();
        secrets = aws.viaProxy(SecretsManagerClient.builder()).build();
        iam = aws.viaProxy(IamClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        // In reverse order of start; a failed start leaves later ones null.
        if (secrets != null) {
            secrets.close();
        }
        if (iam != null) {
            iam.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    /** The SDK's own requests pass the model check: it calls no request wrong that AWS's serializers send. */
    @AfterEach
    void theSdksRequestsAreTheirModels() {
        aws.proxy().assertNoContractViolations();
    }

    @BeforeEach
    void clean() {
        aws.reset();
    }

    @Test
    void recordsAJsonProtocolWriteAndAQueryProtocolRead() {
        secrets.createSecret(r -> r.name("tableflow/api-key").secretString("{\"key\":\"k\",\"secret\":\"s\"}"));
        iam.listRoles();

        assertThat(proxy.calls()).extracting(AwsCall::toString)
                .containsExactly("secretsmanager.CreateSecret -> 200", "iam.ListRoles -> 200");
        assertThat(proxy.writes()).isEqualTo(1);
        assertThat(proxy.writes("secretsmanager")).isEqualTo(1);
        assertThat(proxy.writes("iam")).isZero();
        assertThat(secrets.getSecretValue(r -> r.secretId("tableflow/api-key")).secretString()).contains("\"key\"");
    }

    @Test
    void resetEmptiesMoto() {
        secrets.createSecret(r -> r.name("gone-after-reset").secretString("x"));
        aws.reset();

        assertThatThrownBy(() -> secrets.describeSecret(r -> r.secretId("gone-after-reset")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void injectedThrottlingIsRetriedByTheSdk() {
        secrets.createSecret(r -> r.name("throttled").secretString("x"));
        proxy.failNext("secretsmanager", 2, 400);

        assertThat(secrets.getSecretValue(r -> r.secretId("throttled")).secretString()).isEqualTo("x");
        assertThat(proxy.calls()).extracting(AwsCall::toString).containsExactly(
                "secretsmanager.CreateSecret -> 200",
                "secretsmanager.GetSecretValue -> 400 (injected)",
                "secretsmanager.GetSecretValue -> 400 (injected)",
                "secretsmanager.GetSecretValue -> 200");
    }

    @Test
    void injectedErrorsReachCodeThatDoesNotRetry() {
        try (SecretsManagerClient noRetry = aws.viaProxy(SecretsManagerClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            proxy.failNext("secretsmanager", 1, 503);

            assertThatThrownBy(() -> noRetry.listSecrets())
                    .isInstanceOfSatisfying(SecretsManagerException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    });
        }
        // Faults are scoped to their service: IAM is untouched.
        iam.listRoles();
        assertThat(proxy.calls()).extracting(AwsCall::status).containsExactly(503, 200);
    }

    @Test
    void iamThrottlingIsAnXmlErrorTheSdkRetries() {
        proxy.failNext("iam", 1, 400);

        iam.listRoles();

        assertThat(proxy.calls()).extracting(AwsCall::toString)
                .containsExactly("iam.ListRoles -> 400 (injected)", "iam.ListRoles -> 200");
    }

    @Test
    void droppedConnectionsAndDelaysAreInjectable() {
        proxy.inject(op -> op.action().equals("ListRoles"), 1, Fault.connectionReset());
        proxy.inject(op -> op.action().equals("ListRoles"), 1, Fault.delay(Duration.ofMillis(300)));

        long started = System.nanoTime();
        iam.listRoles();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(proxy.calls()).extracting(AwsCall::toString)
                .containsExactly("iam.ListRoles -> 0 (injected)", "iam.ListRoles -> 200");
    }

    /** Points a client at the proxy the way the functions' clients will be: endpoint override, dummy keys. */
}
