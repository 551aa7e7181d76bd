package dev.tableflow.onboarding.testbed.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/** {@code moto_server} with the recording proxy in front, for tests of AWS calls that need no whole test bed. */
public final class MotoBehindProxy implements AutoCloseable {

    private final MotoServer moto;
    private final AwsRecordingProxy proxy;

    private MotoBehindProxy(MotoServer moto, AwsRecordingProxy proxy) {
        this.moto = moto;
        this.proxy = proxy;
    }

    public static MotoBehindProxy start() {
        MotoServer moto = MotoServer.start();
        try {
            return new MotoBehindProxy(moto, AwsRecordingProxy.start(moto.endpoint()));
        } catch (RuntimeException e) {
            moto.close();
            throw e;
        }
    }

    public AwsRecordingProxy proxy() {
        return proxy;
    }

    /** Where the code under test sends its calls: the proxy, which records them and injects faults. */
    public URI endpoint() {
        return proxy.endpoint();
    }

    /** Empties moto and forgets the recorded calls and armed faults. */
    public void reset() {
        moto.reset();
        proxy.reset();
    }

    /** An SDK client builder for moto itself, for setting up and inspecting state without being recorded. */
    public <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B direct(B builder) {
        return configured(builder, moto.endpoint());
    }

    /** An SDK client builder for the proxy, whose calls are recorded like the application's. */
    public <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B viaProxy(B builder) {
        return configured(builder, proxy.endpoint());
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configured(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    @Override
    public void close() {
        proxy.close();
        moto.close();
    }
}
