package dev.tableflow.onboarding.testbed.sfn;

import dev.tableflow.onboarding.testbed.aws.AwsRecordingProxy;
import dev.tableflow.onboarding.testbed.aws.MotoServer;
import dev.tableflow.onboarding.testbed.lambda.FakeRuntime;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import dev.tableflow.onboarding.testbed.lambda.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole AWS side wired as a test of the real workflows will wire it: moto behind the recording proxy, the
 * template's functions on a LocalLambdaService, the template's state machine on the StateMachineRunner, the Node
 * AWS SDK calling the Invoke API. The functions here are a {@link FakeRuntime}; with the packaged app, drop the
 * {@code javaHome} line and pass {@code target/function.zip}.
 */
class TestBedWiringTest {

    private static final Path TEMPLATE = Path.of("src/test/resources/testbed-fixtures/template.yaml");

    @TempDir
    static Path tmp;
    private static MotoServer moto;
    private static AwsRecordingProxy aws;
    private static LocalLambdaService lambda;
    private static StateMachineRunner runner;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        aws = AwsRecordingProxy.start(moto.endpoint());
        lambda = LocalLambdaService.builder(FakeRuntime.functionZip(tmp))
                .javaHome(FakeRuntime.javaHome(tmp))
                .functions(SamTemplate.load(TEMPLATE).functions().values())
                .environment(Map.of("AWS_ENDPOINT_URL", aws.endpoint().toString(), "AWS_REGION", "us-east-1",
                        "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                        "STAGE", "test", "SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:x"))
                .start();
        runner = new StateMachineRunner(Path.of("."), TEMPLATE, lambda.endpoint())
                .awsEndpoint(aws.endpoint())
                .substitution("EventBusName", "default");
    }

    @AfterAll
    static void stop() {
        // In reverse order of start; a failed start leaves later ones null.
        if (lambda != null) {
            lambda.close();
        }
        if (aws != null) {
            aws.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void tasksInvokeTheTemplatesFunctionsAndServiceIntegrationsReachMoto() {
        ExecutionResult result = runner.run("OnboardingStateMachine",
                "{\"topic\":\"orders\",\"mode\":\"ok\",\"partitions\":[]}");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.outputOf("CheckReadiness").at("/readiness/echo/topic").asText()).isEqualTo("orders");
        assertThat(result.outputOf("CheckReadiness").at("/readiness/arn").asText()) // !Ref Function.Alias
                .isEqualTo(lambda.functionArn("CheckReadinessFunction") + ":live");
        assertThat(lambda.invocations()).extracting(Invocation::function).containsExactly("CheckReadinessFunction");
        assertThat(aws.writes("events")).isEqualTo(1);
    }

    @Test
    void aFunctionErrorNoRetrierOrCatcherNamesFailsTheExecution() {
        ExecutionResult result = runner.run("OnboardingStateMachine",
                "{\"topic\":\"failing\",\"mode\":\"reject\",\"partitions\":[]}");

        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("fake.StepException");
        assertThat(result.cause()).isEqualTo("{\"errorMessage\":\"it failed\",\"errorType\":\"fake.StepException\","
                + "\"stackTrace\":[]}");
    }
}
