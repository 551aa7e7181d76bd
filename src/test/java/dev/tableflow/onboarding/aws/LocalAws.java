package dev.tableflow.onboarding.aws;

import dev.tableflow.onboarding.http.Backoff;
import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.http.HttpTransport;

import java.net.URI;
import java.util.Map;

/** The application's AWS client as a function in us-east-1 builds it, pointed at a local endpoint (moto behind the proxy). */
final class LocalAws {

    private LocalAws() {}

    /** Static test keys; retries without real waits. */
    static AwsApi at(URI endpoint, Deadline deadline) {
        HttpTransport http = new HttpTransport(deadline);
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", endpoint.toString(),
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");
        return new AwsApi(env::get, new AwsCredentials(env::get, http), http, deadline, new Backoff(1));
    }
}
