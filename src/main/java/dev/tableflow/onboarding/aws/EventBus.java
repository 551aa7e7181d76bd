package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

/** EventBridge PutEvents, one event at a time (each outcome and report is its own event). */
@ApplicationScoped
public class EventBus {

    /** EventBridge accepts a PutEvents call and still refuses single entries: then {@code eventId} is null. */
    public record Put(String eventId, String errorCode, String errorMessage) {
        public boolean accepted() {
            return errorCode == null;
        }
    }

    private final AwsApi aws;

    public EventBus(AwsApi aws) {
        this.aws = aws;
    }

    public Put put(String bus, String source, String detailType, String detail) {
        var entries = AwsApi.object();
        entries.putArray("Entries").addObject().put("EventBusName", bus).put("Source", source).put("DetailType", detailType).put("Detail", detail);
        JsonNode entry = aws.json(AwsApi.EVENTBRIDGE, "PutEvents", entries).path("Entries").path(0);
        return new Put(entry.path("EventId").textValue(), entry.path("ErrorCode").textValue(), entry.path("ErrorMessage").textValue());
    }
}
