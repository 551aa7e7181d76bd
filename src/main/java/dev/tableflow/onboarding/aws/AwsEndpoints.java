package dev.tableflow.onboarding.aws;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where a request to an AWS service goes and which region signs it, as the SDK's endpoint rules resolve it
 * ({@code AwsEndpointsTest} holds this to botocore's own rule sets for every region of every partition).
 * <p>
 * Order as in the SDK: {@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL} (the test bed points every
 * service at moto this way), then the service's endpoint in Lambda's {@code AWS_REGION}. FIPS and dual-stack endpoints
 * ({@code AWS_USE_FIPS_ENDPOINT}, {@code AWS_USE_DUALSTACK_ENDPOINT}) are refused rather than guessed: AWS's rules for
 * them differ by service and partition (IAM's FIPS host in GovCloud has no "-fips", Secrets Manager's dual-stack host in
 * the aws partition is its plain one), and a FIPS deployment can name each endpoint with {@code AWS_ENDPOINT_URL_<SERVICE>}
 * (the SDK's rules refuse FIPS with a custom endpoint too).
 */
final class AwsEndpoints {

    /**
     * AWS's partitions (botocore's partitions.json), found by the region's name, and the one endpoint a global service
     * (IAM) has in each: {@code iamRegion} signs it, {@code iamHost} is its host.
     */
    enum Partition {
        AWS("aws", "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$", "amazonaws.com", "us-east-1", "iam.amazonaws.com"),
        AWS_CN("aws-cn", "^cn\\-\\w+\\-\\d+$", "amazonaws.com.cn", "cn-north-1", "iam.cn-north-1.amazonaws.com.cn"),
        AWS_EUSC("aws-eusc", "^eusc\\-(de)\\-\\w+\\-\\d+$", "amazonaws.eu", "eusc-de-east-1", "iam.eusc-de-east-1.amazonaws.eu"),
        AWS_ISO("aws-iso", "^us\\-iso\\-\\w+\\-\\d+$", "c2s.ic.gov", "us-iso-east-1", "iam.us-iso-east-1.c2s.ic.gov"),
        AWS_ISO_B("aws-iso-b", "^us\\-isob\\-\\w+\\-\\d+$", "sc2s.sgov.gov", "us-isob-east-1", "iam.us-isob-east-1.sc2s.sgov.gov"),
        AWS_ISO_E("aws-iso-e", "^eu\\-isoe\\-\\w+\\-\\d+$", "cloud.adc-e.uk", "eu-isoe-west-1", "iam.eu-isoe-west-1.cloud.adc-e.uk"),
        AWS_ISO_F("aws-iso-f", "^us\\-isof\\-\\w+\\-\\d+$", "csp.hci.ic.gov", "us-isof-south-1", "iam.us-isof-south-1.csp.hci.ic.gov"),
        AWS_US_GOV("aws-us-gov", "^us\\-gov\\-\\w+\\-\\d+$", "amazonaws.com", "us-gov-west-1", "iam.us-gov.amazonaws.com");

        final String id;
        final Pattern regionRegex;
        final String dnsSuffix;
        final String iamRegion;
        final String iamHost;

        Partition(String id, String regionRegex, String dnsSuffix, String iamRegion, String iamHost) {
            this.id = id;
            this.regionRegex = Pattern.compile(regionRegex);
            this.dnsSuffix = dnsSuffix;
            this.iamRegion = iamRegion;
            this.iamHost = iamHost;
        }

        /** The rules' {@code aws.partition}: the partition whose pattern the region matches, else the aws partition. */
        static Partition of(String region) {
            return Arrays.stream(values()).filter(partition -> partition.regionRegex.matcher(region).matches()).findFirst().orElse(AWS);
        }
    }

    record Endpoint(URI uri, String signingRegion) {}

    private AwsEndpoints() {}

    static Endpoint resolve(AwsApi.Service service, UnaryOperator<String> environment) {
        String region = setting(environment, "AWS_REGION")
                .orElseThrow(() -> new AwsApiException(0, "NoRegion", "AWS_REGION is not set (Lambda always sets it)"));
        for (String variant : new String[] {"AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT"}) {
            if (setting(environment, variant).filter("true"::equalsIgnoreCase).isPresent()) {
                throw new AwsApiException(0, "UnsupportedEndpointSetting", variant + " is true, which this application does not resolve: "
                        + "unset it and name the endpoint in AWS_ENDPOINT_URL_" + service.environmentKey());
            }
        }
        Optional<String> override = setting(environment, "AWS_ENDPOINT_URL_" + service.environmentKey()).or(() -> setting(environment, "AWS_ENDPOINT_URL"));
        Partition partition = Partition.of(region);
        boolean global = service == AwsApi.IAM;
        String host = global ? partition.iamHost : service.endpointPrefix() + "." + region + "." + partition.dnsSuffix;
        return new Endpoint(URI.create(override.orElse("https://" + host + "/")), global ? partition.iamRegion : region);
    }

    private static Optional<String> setting(UnaryOperator<String> environment, String name) {
        return Optional.ofNullable(environment.apply(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
