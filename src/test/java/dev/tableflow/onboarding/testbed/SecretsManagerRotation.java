package dev.tableflow.onboarding.testbed;

import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stands in for Secrets Manager's own rotation driver, which moto cannot run: moto's RotateSecret would invoke the
 * rotation function through its own Lambda emulation, which needs Docker. This does what Secrets Manager does, in
 * its order: RotateSecret makes a new ClientRequestToken, enables rotation and stages an empty version under that
 * token AWSPENDING (here moto's own RotateSecret does that part, then fails to find the function in its Lambda
 * emulation, which this driver expects); then it invokes the rotation function, the packaged zip under AWS's runtime
 * client, with {@code {"Step", "SecretId" (the secret's ARN), "ClientRequestToken"}} for createSecret, setSecret,
 * testSecret and finishSecret. The version stages live in moto throughout.
 */
public final class SecretsManagerRotation {

    public static final String FUNCTION = "RotateApiKeyFunction";
    public static final List<String> STEPS = List.of("createSecret", "setSecret", "testSecret", "finishSecret");

    /** One rotation: its token and every invocation of the function, in order. */
    public record Rotation(String secretArn, String token, List<Invocation> invocations) {

        public boolean succeeded() {
            return !invocations.isEmpty() && !invocations.getLast().failed()
                    && invocations.getLast().request().contains("\"finishSecret\"");
        }
    }

    private final SecretsManagerClient secrets;
    private final LocalLambdaService lambda;

    SecretsManagerRotation(SecretsManagerClient secrets, LocalLambdaService lambda) {
        this.secrets = secrets;
        this.lambda = lambda;
    }

    /** What RotateSecret does before it invokes the function; returns the new version's token. */
    public String start(String secretName) {
        String token = UUID.randomUUID().toString();
        try {
            secrets.rotateSecret(r -> r.secretId(secretName).clientRequestToken(token)
                    .rotationLambdaARN(lambda.functionArn(FUNCTION)).rotationRules(rules -> rules.automaticallyAfterDays(90L)));
            throw new IllegalStateException("moto invoked a rotation function itself; this driver assumed it cannot");
        } catch (ResourceNotFoundException expected) {
            // moto staged the version and enabled rotation, then looked for the function in its own Lambda emulation
        }
        return token;
    }

    /**
     * What configuring a rotation schedule with {@code RotateImmediatelyOnUpdate: false} does before any rotation: Secrets
     * Manager "tests the rotation configuration by running the testSecret step ... The test creates an AWSPENDING version
     * of the secret and then removes it" (RotateSecret's RotateImmediately). The secret has not been configured for
     * rotation before, so DescribeSecret has no RotationEnabled yet; moto's RotateSecret would set it first, so this
     * stages the copy of the current value itself. Returns the testSecret invocation.
     */
    public Invocation checkSetUp(String secretName) {
        String token = UUID.randomUUID().toString();
        String current = secrets.getSecretValue(r -> r.secretId(secretName)).secretString();
        secrets.putSecretValue(r -> r.secretId(secretName).clientRequestToken(token).secretString(current).versionStages("AWSPENDING"));
        Invocation check = invoke("testSecret", secretName, token);
        secrets.updateSecretVersionStage(r -> r.secretId(secretName).versionStage("AWSPENDING").removeFromVersionId(token));
        return check;
    }

    /** One step, as Secrets Manager invokes it. */
    public Invocation invoke(String step, String secretName, String token) {
        String arn = secrets.describeSecret(r -> r.secretId(secretName)).arn();
        return lambda.invoke(FUNCTION, "{\"Step\":\"" + step + "\",\"SecretId\":\"" + arn + "\",\"ClientRequestToken\":\"" + token + "\"}");
    }

    /** A whole rotation; it stops at the first step that fails for good. */
    public Rotation rotate(String secretName) {
        String token = start(secretName);
        return new Rotation(secrets.describeSecret(r -> r.secretId(secretName)).arn(), token, continueRotation(secretName, token, STEPS));
    }

    /**
     * The given steps of a started rotation, each invoked once: Secrets Manager does not re-run a failed step, it
     * marks the rotation failed (a later RotateSecret starts over with a new token).
     */
    public List<Invocation> continueRotation(String secretName, String token, List<String> steps) {
        List<Invocation> invocations = new ArrayList<>();
        for (String step : steps) {
            Invocation invocation = invoke(step, secretName, token);
            invocations.add(invocation);
            if (invocation.failed()) {
                break;
            }
        }
        return invocations;
    }
}
