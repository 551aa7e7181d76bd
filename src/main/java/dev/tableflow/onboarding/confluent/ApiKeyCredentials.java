package dev.tableflow.onboarding.confluent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An API key and its secret, as stored in Secrets Manager. Prints without the secret. */
public record ApiKeyCredentials(String key, String secret) {

    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiKeyCredentials[key=" + key + ", secret=****]";
    }
}
