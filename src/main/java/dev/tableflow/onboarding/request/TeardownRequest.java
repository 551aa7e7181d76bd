package dev.tableflow.onboarding.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;

import java.util.Optional;
import java.util.Set;

/**
 * The detail of a {@code TableflowTeardownRequested} event. Deleting the TableFlow API key is never a default (the
 * seeds' {@code prevent_destroy}): only {@code "force": true} does it; anything but a JSON boolean is refused.
 */
public record TeardownRequest(boolean force, Optional<String> requestId) {

    private static final Set<String> FIELDS = Set.of("force", "requestId");

    public static TeardownRequest parse(StepContext context, JsonNode detail) {
        // EventBridge delivers an event without detail as {}; a direct start may send nothing at all.
        if (detail == null || detail.isNull() || detail.isMissingNode()) {
            return new TeardownRequest(false, Optional.empty());
        }
        if (!detail.isObject()) {
            throw new InvalidInputException(context, "detail", "must be a JSON object such as {\"force\": false}");
        }
        RequestFields.onlyKnownFields(context, "detail", detail, FIELDS);
        // Strict: a null force is a mistake in the request, not a "no".
        if (detail.has("force") && detail.get("force").isNull()) {
            throw new InvalidInputException(context, "force", "must be true or false, not null");
        }
        return new TeardownRequest(RequestFields.flag(context, detail, "force"), RequestFields.requestId(context, detail));
    }
}
