package dev.tableflow.onboarding.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The stack's record of the topics it manages: a DynamoDB table the stack declares, spoken in DynamoDB's JSON 1.0
 * protocol. One item per Glue table, keyed by the table's name, because Glue keeps table names in lower case ("For
 * Hive compatibility, this is folded to lowercase when it is stored", Glue's {@code TableInput.Name}): {@code orders}
 * and {@code Orders} would be one table, so they are one item, and the conditional write that records a topic is also
 * what refuses the second topic that claims its table. Reads are strongly consistent, so a record written by one step
 * is seen by the next.
 */
@ApplicationScoped
public class TopicRegistry {

    /**
     * The key of the item that says the upgrade adoption is done; '#' is in no Kafka topic name, so no table has it.
     */
    static final String ADOPTION_DONE = "#adoption-done";

    /** DynamoDB's answer when a write's condition is false: here, another topic holds the table. */
    static final String CONDITION_FAILED = "ConditionalCheckFailedException";

    /** Where a topic stands; only {@link #OFFBOARDED} is no longer materialized by this stack. */
    public enum State { ONBOARDING, ONBOARDED, OFFBOARDED }

    /**
     * Whose the Kafka topic is: {@code CREATED} by this stack, {@code EXISTING} before this stack onboarded it (this
     * stack manages only its TableFlow, and never deletes its data), or {@code UPGRADED}: found materialized through
     * this stack's own provider integration and bucket when a stack of a version without the record was upgraded.
     */
    public enum Origin { CREATED, EXISTING, UPGRADED }

    /** One item; {@code execution} is the run that last changed it (a Step Functions execution, or a Lambda request). */
    public record Entry(String table, String topic, State state, Origin origin, String execution, String createdAt, String updatedAt) {}

    private final AwsApi aws;

    public TopicRegistry(AwsApi aws) {
        this.aws = aws;
    }

    /** The Glue table a topic's TableFlow table is: its name in lower case. */
    public static String tableOf(String topic) {
        return topic.toLowerCase(Locale.ROOT);
    }

    /** The item of the topic's table, whichever topic holds it. */
    public Optional<Entry> find(String registry, String topic) {
        JsonNode item = aws.json(AwsApi.DYNAMODB, "GetItem", AwsApi.object().put("TableName", registry).put("ConsistentRead", true)
                .set("Key", key(topic))).path("Item");
        return item.isObject() ? Optional.of(entry(item)) : Optional.empty();
    }

    /** Every topic's item, all pages. */
    public List<Entry> all(String registry) {
        List<Entry> entries = new ArrayList<>();
        JsonNode lastKey = null;
        do {
            ObjectNode request = AwsApi.object().put("TableName", registry).put("ConsistentRead", true);
            if (lastKey != null) {
                request.set("ExclusiveStartKey", lastKey);
            }
            JsonNode page = aws.json(AwsApi.DYNAMODB, "Scan", request);
            page.path("Items").forEach(item -> {
                if (!ADOPTION_DONE.equals(text(item, "table"))) {
                    entries.add(entry(item));
                }
            });
            lastKey = page.path("LastEvaluatedKey").isObject() && !page.path("LastEvaluatedKey").isEmpty() ? page.get("LastEvaluatedKey") : null;
        } while (lastKey != null);
        return entries;
    }

    /**
     * Records the topic in this state and origin, unless another topic holds its table: then nothing is written and
     * the holder's item is returned. The item's creation time is kept across updates.
     */
    public Optional<Entry> record(String registry, String topic, State state, Origin origin, String execution, Instant now) {
        ObjectNode names = AwsApi.object().put("#table", "table").put("#topic", "topic").put("#state", "state").put("#origin", "origin")
                .put("#execution", "execution").put("#createdAt", "createdAt").put("#updatedAt", "updatedAt");
        ObjectNode values = AwsApi.object();
        values.set(":topic", string(topic));
        values.set(":state", string(state.name()));
        values.set(":origin", string(origin.name()));
        values.set(":execution", string(execution));
        values.set(":now", string(now.toString()));
        ObjectNode request = AwsApi.object().put("TableName", registry)
                .put("UpdateExpression", "SET #topic = :topic, #state = :state, #origin = :origin, #execution = :execution, "
                        + "#updatedAt = :now, #createdAt = if_not_exists(#createdAt, :now)")
                .put("ConditionExpression", "attribute_not_exists(#table) OR #topic = :topic");
        request.set("Key", key(topic));
        request.set("ExpressionAttributeNames", names);
        request.set("ExpressionAttributeValues", values);
        try {
            aws.json(AwsApi.DYNAMODB, "UpdateItem", request);
            return Optional.empty();
        } catch (AwsApiException e) {
            if (!e.is(CONDITION_FAILED)) {
                throw e;
            }
            // The condition names why; the holder is read back to name it. Gone again in between: write once more.
            return find(registry, topic).filter(holder -> !holder.topic().equals(topic))
                    .or(() -> record(registry, topic, state, origin, execution, now));
        }
    }

    /** Whether the bootstrap's one-time adoption of an upgraded stack's topics has finished. */
    public boolean adoptionDone(String registry) {
        return aws.json(AwsApi.DYNAMODB, "GetItem", AwsApi.object().put("TableName", registry).put("ConsistentRead", true)
                .set("Key", tableKey(ADOPTION_DONE))).path("Item").isObject();
    }

    public void markAdoptionDone(String registry, String execution, Instant now) {
        ObjectNode item = tableKey(ADOPTION_DONE);
        item.set("execution", string(execution));
        item.set("createdAt", string(now.toString()));
        aws.json(AwsApi.DYNAMODB, "PutItem", AwsApi.object().put("TableName", registry).set("Item", item));
    }

    private static ObjectNode key(String topic) {
        return tableKey(tableOf(topic));
    }

    private static ObjectNode tableKey(String table) {
        ObjectNode key = AwsApi.object();
        key.set("table", string(table));
        return key;
    }

    private static ObjectNode string(String value) {
        return AwsApi.object().put("S", value);
    }

    private static Entry entry(JsonNode item) {
        return new Entry(text(item, "table"), text(item, "topic"), State.valueOf(text(item, "state")), Origin.valueOf(text(item, "origin")),
                text(item, "execution"), text(item, "createdAt"), text(item, "updatedAt"));
    }

    private static String text(JsonNode item, String attribute) {
        return item.path(attribute).path("S").textValue();
    }
}
