package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.errors.StepContext;

import java.util.Optional;
import java.util.Set;

/**
 * The detail of a {@code TopicResumeRequested} event: resume TableFlow on a topic it suspended, once its cause is
 * fixed. Only a topic in the stack's record may be resumed (checked by the step, which reads the record).
 */
public record ResumeRequest(String topic, Optional<String> requestId) {

    public static final String DETAIL_TYPE = "TopicResumeRequested";
    private static final Set<String> FIELDS = Set.of("topic", "requestId");

    public static ResumeRequest parse(StepContext context, JsonNode detail) {
        return new ResumeRequest(RequestFields.topic(context, detail, FIELDS), RequestFields.requestId(context, detail));
    }
}
