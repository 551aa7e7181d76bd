package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.testbed.aws.Botocore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The endpoint and signing region each AWS client chooses are the ones AWS's own endpoint rules give: botocore's
 * {@code endpoint-rule-set-1.json} of each service, evaluated by botocore's resolver (what boto3 and the CLI do), for
 * every region of every partition in botocore's partitions.json and one region each partition does not list yet.
 * A new partition, a moved global endpoint or a service whose rules change fails here. Needs botocore (with moto).
 */
class AwsEndpointsTest {

    /** Our services by botocore's name for them. */
    private static final Map<String, AwsApi.Service> SERVICES = Map.of("iam", AwsApi.IAM, "secretsmanager", AwsApi.SECRETS_MANAGER,
            "glue", AwsApi.GLUE, "events", AwsApi.EVENTBRIDGE, "stepfunctions", AwsApi.STEP_FUNCTIONS, "dynamodb", AwsApi.DYNAMODB);

    private static JsonNode resolved;

    @BeforeAll
    static void resolveWithAwsRules() {
        resolved = Botocore.script("aws_endpoints.py", List.copyOf(SERVICES.keySet()));
    }

    @Test
    void everyClientGoesWhereAwsRulesSendItAndSignsForTheRegionTheyName() {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (JsonNode rules : resolved.path("resolutions")) {
            if (rules.path("fips").booleanValue() || rules.path("dualStack").booleanValue()) {
                continue;
            }
            AwsApi.Service service = SERVICES.get(rules.path("service").asText());
            String region = rules.path("region").asText();
            AwsEndpoints.Endpoint ours = AwsEndpoints.resolve(service, Map.of("AWS_REGION", region)::get);
            String expected = rules.path("url").asText() + "/ signed " + rules.path("signingRegion").asText() + "/" + rules.path("signingName").asText();
            String actual = ours.uri() + " signed " + ours.signingRegion() + "/" + service.endpointPrefix();
            if (!expected.equals(actual)) {
                mismatches.add(service.endpointPrefix() + " in " + region + ": AWS's rules give " + expected + ", ours " + actual);
            }
            checked++;
        }
        assertThat(mismatches).isEmpty();
        assertThat(checked).as("every service in every region of the eight partitions").isGreaterThan(SERVICES.size() * 50);
        assertThat(regionsOf("aws-us-gov")).contains("us-gov-west-1", "us-gov-east-1");
        assertThat(regionsOf("aws-cn")).contains("cn-north-1", "cn-northwest-1");
    }

    /** The classic trap, spelled out: IAM is global, one endpoint per partition, signed for the region AWS names. */
    @Test
    void iamIsOneEndpointPerPartitionSignedForItsOwnRegion() {
        assertThat(AwsEndpoints.resolve(AwsApi.IAM, Map.of("AWS_REGION", "eu-west-1")::get))
                .isEqualTo(new AwsEndpoints.Endpoint(java.net.URI.create("https://iam.amazonaws.com/"), "us-east-1"));
        assertThat(AwsEndpoints.resolve(AwsApi.IAM, Map.of("AWS_REGION", "cn-northwest-1")::get))
                .isEqualTo(new AwsEndpoints.Endpoint(java.net.URI.create("https://iam.cn-north-1.amazonaws.com.cn/"), "cn-north-1"));
        assertThat(AwsEndpoints.resolve(AwsApi.IAM, Map.of("AWS_REGION", "us-gov-east-1")::get))
                .isEqualTo(new AwsEndpoints.Endpoint(java.net.URI.create("https://iam.us-gov.amazonaws.com/"), "us-gov-west-1"));
    }

    /**
     * FIPS and dual-stack endpoints follow per-service exceptions in AWS's rules (GovCloud's IAM and EventBridge FIPS
     * hosts have no "-fips"; Secrets Manager's dual-stack host is its plain one), so the clients refuse those settings
     * with the variable's name, in every case the rules cover, rather than send a request to a guessed host.
     */
    @Test
    void fipsAndDualStackAreRefusedNamingTheSettingAndTheWayOut() {
        int refused = 0;
        for (JsonNode rules : resolved.path("resolutions")) {
            boolean fips = rules.path("fips").booleanValue();
            if (!fips && !rules.path("dualStack").booleanValue()) {
                continue;
            }
            AwsApi.Service service = SERVICES.get(rules.path("service").asText());
            String variable = fips ? "AWS_USE_FIPS_ENDPOINT" : "AWS_USE_DUALSTACK_ENDPOINT";
            Map<String, String> environment = new HashMap<>(Map.of("AWS_REGION", rules.path("region").asText(), variable, "true"));
            environment.put("AWS_ENDPOINT_URL_" + service.environmentKey(), "https://custom.example/");
            assertThatThrownBy(() -> AwsEndpoints.resolve(service, environment::get)).isInstanceOf(AwsApiException.class)
                    .hasMessageContaining(variable).hasMessageContaining("AWS_ENDPOINT_URL_" + service.environmentKey());
            refused++;
        }
        assertThat(refused).isEqualTo(3 * resolved.path("resolutions").size() / 4);
        assertThat(AwsEndpoints.resolve(AwsApi.GLUE, Map.of("AWS_REGION", "us-east-1", "AWS_USE_FIPS_ENDPOINT", "false")::get).uri())
                .hasToString("https://glue.us-east-1.amazonaws.com/");
    }

    /** Our partitions are botocore's: a partition AWS adds (or a changed suffix) fails here until AwsEndpoints knows it. */
    @Test
    void thePartitionsAreAwsOwn() {
        Map<String, String> ours = Arrays.stream(AwsEndpoints.Partition.values())
                .collect(Collectors.toMap(p -> p.id, p -> p.regionRegex.pattern() + " " + p.dnsSuffix));
        Map<String, String> aws = new HashMap<>();
        resolved.path("partitions").forEach(p -> aws.put(p.path("id").asText(), p.path("regionRegex").asText() + " " + p.path("outputs").path("dnsSuffix").asText()));
        assertThat(ours).isEqualTo(aws);
    }

    /** The signing name and endpoint prefix our clients use are the ones each service's model declares. */
    @Test
    void eachClientSignsWithTheNameItsServiceModelDeclares() {
        SERVICES.forEach((name, service) -> {
            JsonNode metadata = Botocore.serviceModel(name).path("metadata");
            assertThat(service.endpointPrefix()).as(name).isEqualTo(metadata.path("endpointPrefix").asText())
                    .isEqualTo(metadata.path("signingName").asText(metadata.path("endpointPrefix").asText()));
        });
    }

    private static List<String> regionsOf(String partition) {
        List<String> regions = new ArrayList<>();
        resolved.path("resolutions").forEach(r -> {
            if (r.path("partition").asText().equals(partition)) {
                regions.add(r.path("region").asText());
            }
        });
        return regions;
    }
}
