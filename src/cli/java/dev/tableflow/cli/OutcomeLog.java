package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack's outcome log group (template.yaml's OutcomeLogGroup, fed by OutcomeLogRule): every outcome, rejection,
 * plan and status event, one JSON event per log event. Read with a signed FilterLogEvents of its own rather than the
 * SDK's Logs client, whose strict reader refuses the fractional timestamps moto writes for an EventBridge target; the
 * CLI only needs each message.
 */
final class OutcomeLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Aws aws;
    private final String logGroup;
    private final HttpClient http = HttpClient.newHttpClient();

    OutcomeLog(Aws aws, String logGroup) {
        this.aws = aws;
        this.logGroup = logGroup;
    }

    String logGroup() {
        return logGroup;
    }

    /** The events logged from {@code since} on, oldest first. */
    List<JsonNode> since(Instant since) {
        List<JsonNode> events = new ArrayList<>();
        String token = null;
        do {
            ObjectNode body = JSON.createObjectNode().put("logGroupName", logGroup).put("startTime", since.toEpochMilli());
            if (token != null) {
                body.put("nextToken", token);
            }
            JsonNode page = call("FilterLogEvents", body.toString());
            for (JsonNode event : page.path("events")) {
                try {
                    events.add(JSON.readTree(event.path("message").asText()));
                } catch (IOException e) {
                    // Only EventBridge writes to this group, one event per message; anything else is not ours to read.
                }
            }
            token = page.path("nextToken").isTextual() ? page.path("nextToken").asText() : null;
        } while (token != null);
        return events;
    }

    private JsonNode call(String action, String body) {
        URI endpoint = aws.endpoint().orElseGet(() -> URI.create("https://logs." + aws.region().id() + ".amazonaws.com"));
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", "Logs_20140328." + action).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(aws.credentials().resolveCredentials()).request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "logs").putProperty(AwsV4HttpSigner.REGION_NAME, aws.region().id()));
        HttpRequest.Builder send = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body));
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> send.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = http.send(send.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
            if (response.statusCode() != 200) {
                throw new CliException("CloudWatch Logs " + action + " on " + logGroup + " answered " + response.statusCode() + ": "
                        + answer.path("__type").asText("") + " " + answer.path("message").asText(answer.path("Message").asText("")));
            }
            return answer;
        } catch (IOException e) {
            throw new CliException("CloudWatch Logs did not answer at " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
