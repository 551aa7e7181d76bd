package dev.tableflow.onboarding.aws;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's SigV4 signer against the AWS SDK's own, for the request shapes the application sends. */
class SigV4Test {

    private static final Instant NOW = Instant.parse("2026-11-21T14:05:09Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://secretsmanager.eu-west-1.amazonaws.com/|eu-west-1|secretsmanager|application/x-amz-json-1.1|secretsmanager.GetSecretValue|{\"SecretId\":\"dev-tableflow-api-key\"}|",
            "https://iam.amazonaws.com/|us-east-1|iam|application/x-www-form-urlencoded; charset=utf-8||Action=GetRole&Version=2010-05-08&RoleName=tableflow%20role|",
            "http://localhost:4566/|us-east-1|states|application/x-amz-json-1.0|AWSStepFunctions.StartExecution|{\"name\":\"onboard-1\",\"input\":\"{\\\"a\\\": \\\"é\\\"}\"}|session-token-value",
            "https://glue.eu-central-1.amazonaws.com:443/|eu-central-1|glue|application/x-amz-json-1.1|AWSGlue.GetTables|{}|",
            "http://127.0.0.1:8080/moto/|ap-southeast-2|glue|application/x-amz-json-1.1|AWSGlue.GetTable||session-token-value",
    })
    void signsExactlyAsTheSdkDoes(String endpoint, String region, String service, String contentType, String target, String body, String sessionToken) {
        URI uri = URI.create(endpoint);
        byte[] payload = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        if (target != null) {
            headers.put("X-Amz-Target", target);
        }
        AwsCredentials.Keys keys = new AwsCredentials.Keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                Optional.ofNullable(sessionToken), Optional.empty());

        Map<String, String> ours = SigV4.sign(uri, headers, payload, keys, region, service, NOW);

        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest sdk = AwsV4HttpSigner.create().sign(r -> r
                .identity(sessionToken == null
                        ? AwsCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey())
                        : AwsSessionCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey(), sessionToken))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));

        assertThat(ours.get("authorization")).isEqualTo(sdk.request().firstMatchingHeader("Authorization").orElseThrow());
        assertThat(ours.get("x-amz-date")).isEqualTo(sdk.request().firstMatchingHeader("X-Amz-Date").orElseThrow());
        assertThat(Optional.ofNullable(ours.get("x-amz-security-token"))).isEqualTo(sdk.request().firstMatchingHeader("X-Amz-Security-Token"));
        assertThat(ours.get("authorization")).contains("Credential=AKIDEXAMPLE/20261121/" + region + "/" + service + "/aws4_request")
                .doesNotContain(keys.secretAccessKey());
    }
}
