package dev.tableflow.cli;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS settings of a workstation or a CI job, as the AWS CLI reads them: {@code --profile} or {@code AWS_PROFILE},
 * {@code --region} or {@code AWS_REGION} or the profile's region, the credential chain, and {@code AWS_ENDPOINT_URL}
 * when set (a local emulator). Missing credentials or region are refused before the first call, by name.
 */
record Aws(AwsCredentialsProvider credentials, Region region, Optional<URI> endpoint) {

    static Aws from(Options options, Map<String, String> environment) {
        Optional<String> profile = options.profile().or(() -> Optional.ofNullable(environment.get("AWS_PROFILE")));
        Region region = options.region().or(() -> Optional.ofNullable(environment.get("AWS_REGION")))
                .map(Region::of).orElseGet(() -> profileRegion(profile));
        AwsCredentialsProvider credentials = profile.<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException | IllegalArgumentException e) {
            throw new CliException("no AWS credentials" + profile.map(p -> " for profile " + p).orElse("")
                    + ": set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (" + firstLine(e.getMessage()) + ")");
        }
        return new Aws(credentials, region, Optional.ofNullable(environment.get("AWS_ENDPOINT_URL")).filter(s -> !s.isBlank()).map(URI::create));
    }

    private static Region profileRegion(Optional<String> profile) {
        try {
            return profile.map(p -> new AwsProfileRegionProvider(null, p).getRegion())
                    .orElseGet(() -> DefaultAwsRegionProviderChain.builder().build().getRegion());
        } catch (SdkClientException e) {
            throw new CliException("no AWS region: set --region or AWS_REGION, or a region in the AWS profile");
        }
    }

    /** A client of one service with these settings. */
    <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        builder.credentialsProvider(credentials).region(region);
        endpoint.ifPresent(builder::endpointOverride);
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder.build();
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
