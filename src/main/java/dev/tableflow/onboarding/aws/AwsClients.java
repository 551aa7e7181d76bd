package dev.tableflow.onboarding.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * AWS SDK clients that have no Quarkiverse extension. They use the JDK's URL connection client (the lightest
 * start-up) and the SDK's default credentials; {@code AWS_ENDPOINT_URL} redirects them in the test bed.
 */
@ApplicationScoped
public class AwsClients {

    /** IAM is a global service: its signing region is aws-global whatever region the function runs in. */
    @Produces
    @ApplicationScoped
    IamClient iam() {
        return IamClient.builder().region(Region.AWS_GLOBAL).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Produces
    @ApplicationScoped
    GlueClient glue() {
        return GlueClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Produces
    @ApplicationScoped
    EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Produces
    @ApplicationScoped
    SfnClient stepFunctions() {
        return SfnClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
