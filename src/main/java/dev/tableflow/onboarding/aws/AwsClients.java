package dev.tableflow.onboarding.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * AWS SDK clients that have no Quarkiverse extension, and the credentials every AWS client uses (the Secrets Manager
 * extension's too, through {@value #CREDENTIALS} in application.properties).
 * <p>
 * Cold-start economy: the JDK's URL connection client (the lightest start-up), the region Lambda sets in
 * {@code AWS_REGION} instead of the SDK's region provider chain, and only the two credential sources Lambda uses
 * instead of the default chain (system properties, web identity, profile files, SSO, process, container, instance
 * metadata). The clients are {@code @Singleton}: an {@code @ApplicationScoped} client would get a generated proxy
 * with a method per operation (Glue's has hundreds), loaded and verified at start-up for nothing.
 * {@code AWS_ENDPOINT_URL} still redirects them in the test bed.
 */
@ApplicationScoped
public class AwsClients {

    public static final String CREDENTIALS = "lambda-credentials";

    /**
     * Lambda puts the execution role's keys in the environment, except for SnapStart functions (ours): a snapshot must
     * not hold credentials, so those get a container credentials endpoint instead. The chain remembers which worked.
     */
    @Produces
    @Singleton
    @Named(CREDENTIALS)
    AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create())
                .reuseLastProviderEnabled(true)
                .build();
    }

    /** IAM is a global service: its signing region is aws-global whatever region the function runs in. */
    @Produces
    @Singleton
    IamClient iam(@Named(CREDENTIALS) AwsCredentialsProvider credentials) {
        return IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Produces
    @Singleton
    GlueClient glue(@Named(CREDENTIALS) AwsCredentialsProvider credentials) {
        return GlueClient.builder().region(lambdaRegion()).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Produces
    @Singleton
    EventBridgeClient eventBridge(@Named(CREDENTIALS) AwsCredentialsProvider credentials) {
        return EventBridgeClient.builder().region(lambdaRegion()).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Produces
    @Singleton
    SfnClient stepFunctions(@Named(CREDENTIALS) AwsCredentialsProvider credentials) {
        return SfnClient.builder().region(lambdaRegion()).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Lambda always sets AWS_REGION; without it (outside Lambda) the client cannot know where to go. */
    private static Region lambdaRegion() {
        return Region.of(SdkSystemSetting.AWS_REGION.getStringValueOrThrow());
    }
}
