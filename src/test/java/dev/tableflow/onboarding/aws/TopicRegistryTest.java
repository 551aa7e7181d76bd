package dev.tableflow.onboarding.aws;

import dev.tableflow.onboarding.aws.TopicRegistry.Entry;
import dev.tableflow.onboarding.aws.TopicRegistry.Origin;
import dev.tableflow.onboarding.aws.TopicRegistry.State;
import dev.tableflow.onboarding.http.Deadline;
import dev.tableflow.onboarding.testbed.aws.AwsCall;
import dev.tableflow.onboarding.testbed.aws.MotoBehindProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record of managed topics against moto's DynamoDB, through the application's own signed client: the conditional
 * write that records a topic and refuses a second topic for its Glue table, and the reads. Needs {@code moto_server}.
 */
class TopicRegistryTest {

    private static final String TABLE = "tableflow-onboarding-dev-topics";
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-07T11:00:00Z");

    private static MotoBehindProxy moto;
    private static DynamoDbClient dynamodb;
    private static TopicRegistry registry;

    @BeforeAll
    static void start() {
        moto = MotoBehindProxy.start();
        registry = new TopicRegistry(LocalAws.at(moto.proxy().endpoint(), new Deadline()));
        dynamodb = moto.direct(DynamoDbClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        if (dynamodb != null) {
            dynamodb.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @AfterEach
    void everyRequestWasItsServiceModels() {
        moto.proxy().assertNoContractViolations();
    }

    @BeforeEach
    void emptyTable() {
        moto.reset();
        dynamodb.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("table").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("table").keyType(KeyType.HASH)));
    }

    @Test
    void aRecordedTopicIsFoundUnderItsLowerCaseTableAndKeepsItsCreationTime() {
        assertThat(registry.find(TABLE, "Orders")).isEmpty();

        assertThat(registry.record(TABLE, "Orders", State.ONBOARDING, Origin.CREATED, "exec-1", T0)).isEmpty();
        assertThat(registry.record(TABLE, "Orders", State.ONBOARDED, Origin.CREATED, "exec-2", T1)).isEmpty();

        Entry entry = registry.find(TABLE, "orders").orElseThrow();
        assertThat(entry).isEqualTo(new Entry("orders", "Orders", State.ONBOARDED, Origin.CREATED, "exec-2", T0.toString(), T1.toString()));
        assertThat(dynamodb.getItem(r -> r.tableName(TABLE).key(Map.of("table", AttributeValue.fromS("orders")))).item().get("topic").s())
                .as("as DynamoDB holds it").isEqualTo("Orders");
        assertThat(registry.all(TABLE)).containsExactly(entry);
    }

    @Test
    void aSecondTopicForTheSameGlueTableIsRefusedAndTheFirstKept() {
        registry.record(TABLE, "orders", State.ONBOARDED, Origin.CREATED, "exec-1", T0);
        moto.proxy().reset();

        assertThat(registry.record(TABLE, "ORDERS", State.ONBOARDING, Origin.EXISTING, "exec-2", T1))
                .as("the holder, to name it").hasValueSatisfying(holder -> assertThat(holder.topic()).isEqualTo("orders"));

        assertThat(moto.proxy().calls()).extracting(AwsCall::toString).first().asString()
                .as("refused by DynamoDB's condition, not by a read before the write").isEqualTo("dynamodb.UpdateItem -> 400");
        assertThat(registry.all(TABLE)).containsExactly(new Entry("orders", "orders", State.ONBOARDED, Origin.CREATED, "exec-1", T0.toString(), T0.toString()));
    }

    @Test
    void everyRecordIsListedAndListingIsARead() {
        IntStream.range(0, 30).forEach(i -> registry.record(TABLE, "topic-" + i, State.ONBOARDED, Origin.UPGRADED, "exec", T0));
        moto.proxy().reset();

        assertThat(registry.all(TABLE)).hasSize(30).extracting(Entry::topic).contains("topic-0", "topic-29");
        assertThat(moto.proxy().calls()).isNotEmpty().noneMatch(AwsCall::isWrite);
    }

    @Test
    void aMissingTableIsAwsOwnError() {
        dynamodb.deleteTable(r -> r.tableName(TABLE));

        assertThatThrownBy(() -> registry.find(TABLE, "orders")).isInstanceOfSatisfying(AwsApiException.class,
                e -> assertThat(e.code()).isEqualTo("ResourceNotFoundException"));
    }
}
