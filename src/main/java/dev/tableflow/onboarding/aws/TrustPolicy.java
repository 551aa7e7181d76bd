package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * The customer role's trust policy, merged with the one statement TableFlow needs: Confluent's IAM role may
 * assume the role (and tag the session) only with Confluent's external id. Every other statement is kept as it
 * is; ours is recognised by its Sid and replaced when Confluent's role or external id changed. Each stack owns one Sid
 * (config/EnvironmentSettings#trustStatementSid), so stacks of several regions sharing one role keep their own.
 */
public final class TrustPolicy {

    /** The Sid of a single-region stack, and the stem of every region-qualified one. */
    public static final String SID = "ConfluentTableflowAssumeRole";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode document;

    private TrustPolicy(ObjectNode document) {
        this.document = document;
    }

    public static TrustPolicy parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.isObject()) {
                throw new IllegalArgumentException("the trust policy is not a JSON object");
            }
            return new TrustPolicy((ObjectNode) node.deepCopy());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the trust policy is not valid JSON", e);
        }
    }

    /** The statement we own, exactly scoped: one principal, two actions, one condition. */
    public static ObjectNode statement(String sid, String confluentRoleArn, String externalId) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("AWS", confluentRoleArn);
        statement.putArray("Action").add("sts:AssumeRole").add("sts:TagSession");
        statement.putObject("Condition").putObject("StringEquals").put("sts:ExternalId", externalId);
        return statement;
    }

    /**
     * The merged policy, or empty when the statement is already there exactly (nothing to write). Only the statement
     * with the wanted Sid is ours to replace.
     */
    public Optional<TrustPolicy> with(ObjectNode wanted) {
        String sid = wanted.path("Sid").asText();
        ObjectNode merged = document.deepCopy();
        if (!merged.has("Version")) {
            merged.put("Version", "2012-10-17");
        }
        ArrayNode statements = statements(merged);
        for (int i = 0; i < statements.size(); i++) {
            if (sid.equals(statements.get(i).path("Sid").asText(null))) {
                if (statements.get(i).equals(wanted)) {
                    return Optional.empty();
                }
                statements.set(i, wanted);
                merged.set("Statement", statements);
                return Optional.of(new TrustPolicy(merged));
            }
        }
        statements.add(wanted);
        merged.set("Statement", statements);
        return Optional.of(new TrustPolicy(merged));
    }

    /** The policy without the statement {@code sid}, or empty when it has none (nothing to write). Every other statement stays. */
    public Optional<TrustPolicy> without(String sid) {
        ArrayNode statements = statements(document);
        ArrayNode kept = JSON.createArrayNode();
        statements.forEach(statement -> {
            if (!sid.equals(statement.path("Sid").asText(null))) {
                kept.add(statement);
            }
        });
        if (kept.size() == statements.size()) {
            return Optional.empty();
        }
        ObjectNode changed = document.deepCopy();
        changed.set("Statement", kept);
        return Optional.of(new TrustPolicy(changed));
    }

    /** A policy with a single statement may hold it as an object rather than an array. */
    private static ArrayNode statements(ObjectNode policy) {
        ArrayNode statements = JSON.createArrayNode();
        JsonNode existing = policy.path("Statement");
        if (existing.isObject()) {
            statements.add(existing);
        } else if (existing.isArray()) {
            statements.addAll((ArrayNode) existing);
        }
        return statements;
    }

    public boolean hasStatements() {
        return !statements(document).isEmpty();
    }

    public JsonNode document() {
        return document;
    }

    public String toJson() {
        return document.toString();
    }
}
