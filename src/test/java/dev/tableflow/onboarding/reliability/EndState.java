package dev.tableflow.onboarding.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.testbed.TestBed;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything both clouds of a test bed hold, one sorted line per resource, with the ids Confluent generates replaced
 * by what they name ({@code <provider integration dev-provider-glue>}) and timestamps dropped. Two runs that converged
 * to the same resources give equal lists, whatever ids they drew: a crashed-and-recovered run is compared with a
 * clean one line by line, so a duplicate, an orphan key, a stray secret or a second trust statement shows as a line
 * of difference.
 */
final class EndState {

    /** The creator steps.ApiKeys appends to a key's description. */
    private static final Pattern RUN = Pattern.compile(" \\((execution|rotation) [^)]*\\)$");

    private EndState() {
    }

    static List<String> of(TestBed bed) {
        Map<String, String> aliases = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (JsonNode integration : bed.confluent.providerIntegrations().list()) {
            String name = "<provider integration " + integration.path("display_name").asText() + ">";
            aliases.put(integration.path("id").asText(), name);
            aliases.put(integration.path("config").path("iam_role_arn").asText(), name + ".iam_role_arn");
            aliases.put(integration.path("config").path("external_id").asText(), name + ".external_id");
            lines.add("provider integration " + stripped(integration));
        }
        Map<String, String> keyNames = new LinkedHashMap<>();
        for (JsonNode key : bed.confluent.apiKeys().list()) {
            String name = key.path("spec").path("display_name").asText();
            aliases.put(key.path("id").asText(), "<API key " + name + ">");
            keyNames.put(key.path("id").asText(), name);
            lines.add("API key " + stripped(key));
        }
        for (JsonNode catalog : bed.confluent.catalogIntegrations().list()) {
            aliases.put(catalog.path("id").asText(), "<catalog integration " + catalog.path("spec").path("display_name").asText() + ">");
            lines.add("catalog integration " + stripped(catalog));
        }
        for (JsonNode binding : bed.confluent.roleBindings().list()) {
            aliases.put(binding.path("id").asText(), "<role binding>");
            lines.add("role binding " + stripped(binding));
        }
        for (SecretListEntry secret : bed.secrets.listSecrets(r -> r.maxResults(100)).secretList()) {
            lines.add("secret " + secret.name() + ": " + secretHolds(bed, secret.name(), keyNames));
        }
        lines.add("trust policy " + bed.trustPolicy());
        String cluster = bed.confluent.kafkaClusterId();
        for (JsonNode topic : bed.confluent.kafka().topics(cluster)) {
            lines.add("Kafka topic " + topic.path("topic_name").asText() + ", " + topic.path("partitions_count").asInt() + " partition(s)");
        }
        for (String subject : bed.confluent.schemaRegistry().subjects()) {
            JsonNode latest = bed.confluent.schemaRegistry().latest(subject);
            lines.add("subject " + subject + ", latest version " + latest.path("version").asInt() + ", schema id " + latest.path("id").asInt());
        }
        for (JsonNode topic : bed.confluent.tableflowTopics().list()) {
            lines.add("TableFlow topic " + stripped(topic));
        }
        try {
            bed.glue.getTables(r -> r.databaseName(cluster)).tableList()
                    .forEach(table -> lines.add("Glue table " + cluster + "." + table.name() + " at " + table.storageDescriptor().location()));
        } catch (EntityNotFoundException noDatabase) {
            // nothing onboarded yet
        }
        return lines.stream().map(line -> aliased(line, aliases)).sorted().toList();
    }

    /** Whether a stored secret holds a live key and that key's secret, in words (never the secret itself). */
    private static String secretHolds(TestBed bed, String name, Map<String, String> keyNames) {
        JsonNode stored = TestBed.parse(bed.secretString(name));
        String keyId = stored.path("api_key").asText();
        if (name.equals(TestBed.CLOUD_API_KEY_SECRET)) {
            return "the Cloud API key";
        }
        if (!keyNames.containsKey(keyId)) {
            return "a key that does not exist";
        }
        boolean matches = stored.path("api_secret").asText().equals(bed.confluent.apiKeys().secretOf(keyId));
        return "<API key " + keyNames.get(keyId) + ">, " + (matches ? "its secret" : "a WRONG secret");
    }

    /** The resource without what differs between any two runs: metadata, timestamps, the run a key names as its creator. */
    private static String stripped(JsonNode resource) {
        JsonNode copy = resource.deepCopy();
        strip(copy);
        return copy.toString();
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("metadata");
            if (object.path("description").isTextual()) {
                object.put("description", RUN.matcher(object.path("description").asText()).replaceAll(""));
            }
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                if (names.next().endsWith("_at")) {
                    names.remove();
                }
            }
            object.forEach(EndState::strip);
        } else if (node.isArray()) {
            node.forEach(EndState::strip);
        }
    }

    private static String aliased(String line, Map<String, String> aliases) {
        String out = line;
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (!alias.getKey().isEmpty()) {
                out = out.replace(alias.getKey(), alias.getValue());
            }
        }
        return out;
    }
}
