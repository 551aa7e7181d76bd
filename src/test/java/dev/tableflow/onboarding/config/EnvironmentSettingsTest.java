package dev.tableflow.onboarding.config;

import dev.tableflow.onboarding.aws.TrustPolicy;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The names a stack gives what it owns: the product's names in one region, qualified ones for further regions. */
class EnvironmentSettingsTest {

    static final StepContext CONTEXT = new StepContext("EnsureProviderIntegration", "provider integration");

    @Test
    void withoutQualifierEveryNameIsTheSingleRegionName() {
        EnvironmentSettings settings = settings(Optional.empty());

        assertThat(names(settings)).containsExactly("dev-provider-glue", "dev-confluent-glue", "dev-tableflow-api-key",
                "dev-tableflow-topic-key", "dev-schema-registry-key");
        // Existing single-region stacks keep recognising the statement they wrote.
        assertThat(settings.trustStatementSid()).isEqualTo(TrustPolicy.SID).isEqualTo("ConfluentTableflowAssumeRole");
    }

    @Test
    void aQualifierEndsEveryGloballyHeldName() {
        EnvironmentSettings settings = settings(Optional.of("euw1"));

        assertThat(names(settings)).containsExactly("dev-provider-glue-euw1", "dev-confluent-glue-euw1", "dev-tableflow-api-key-euw1",
                "dev-tableflow-topic-key-euw1", "dev-schema-registry-key-euw1");
        assertThat(settings.trustStatementSid()).isEqualTo("ConfluentTableflowAssumeRoleEuw1");
    }

    @Test
    void regionalNamesNeedNoQualifier() {
        EnvironmentSettings single = settings(Optional.empty());
        EnvironmentSettings qualified = settings(Optional.of("euw1"));

        for (Function<EnvironmentSettings, String> secret : List.<Function<EnvironmentSettings, String>>of(
                EnvironmentSettings::tableflowApiKeySecret, EnvironmentSettings::kafkaApiKeySecret, EnvironmentSettings::schemaRegistryApiKeySecret)) {
            assertThat(secret.apply(qualified)).startsWith("tableflow-onboarding/dev/").isEqualTo(secret.apply(single));
        }
    }

    @Test
    void differentQualifiersNeverShareANameOrSid() {
        List<String> qualifiers = List.of("eu", "euw1", "euw", "use1", "use", "u", "a1", "a12345678901");
        List<EnvironmentSettings> stacks = new ArrayList<>(qualifiers.stream().map(q -> settings(Optional.of(q))).toList());
        stacks.add(settings(Optional.empty()));

        assertThat(stacks.stream().map(EnvironmentSettings::trustStatementSid)).doesNotHaveDuplicates()
                .allSatisfy(sid -> assertThat(sid).as("IAM allows only letters and digits in a Sid").matches("[A-Za-z0-9]+"));
        assertThat(stacks.stream().flatMap(s -> names(s).stream())).doesNotHaveDuplicates();
    }

    @Test
    void theLongestNamesFitConfluentsLimit() {
        EnvironmentSettings longest = settings("d".repeat(20), Optional.of("a".repeat(12)));

        assertThatCode(() -> longest.validate(CONTEXT)).doesNotThrowAnyException();
        assertThat(longest.providerIntegrationName()).as("pim/v1 display_name maxLength").hasSizeLessThanOrEqualTo(60);
    }

    @Test
    void aValidQualifierOrNoneIsAccepted() {
        assertThatCode(() -> settings(Optional.empty()).validate(CONTEXT)).doesNotThrowAnyException();
        assertThatCode(() -> settings(Optional.of("euw1")).validate(CONTEXT)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-1", "EUW1", "1eu", "eu_west", "a123456789012", "ConfluentTableflowAssumeRole"})
    void anInvalidQualifierIsRefusedByName(String qualifier) {
        assertThatThrownBy(() -> settings(Optional.of(qualifier)).validate(CONTEXT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("EnsureProviderIntegration: provider integration: invalid TABLEFLOW_REGION_QUALIFIER: ")
                .hasMessageContaining("up to 12 lower-case letters and digits");
    }

    private static List<String> names(EnvironmentSettings settings) {
        return List.of(settings.providerIntegrationName(), settings.catalogIntegrationName(), settings.tableflowApiKeyName(),
                settings.kafkaApiKeyName(), settings.schemaRegistryApiKeyName());
    }

    @Test
    void aFunctionThatPublishesWithoutItsBusNamesTheVariable() {
        assertThatThrownBy(() -> settings(Optional.empty()).eventBusName(CONTEXT))
                .hasMessage("EnsureProviderIntegration: provider integration: invalid TABLEFLOW_EVENT_BUS_NAME: missing; "
                        + "template.yaml sets it on this function");
    }

    @Test
    void theGlueDatabaseIsTheParameterElseConfluentsDefaultTheClusterId() {
        EnvironmentSettings custom = settings("dev", Optional.empty(), Map.of("glueDatabase", Optional.of("confluent_tableflow")));

        assertThat(settings(Optional.empty()).glueDatabase()).isEqualTo("lkc-abc123");
        assertThat(custom.glueDatabase()).isEqualTo("confluent_tableflow");
        assertThatCode(() -> custom.validate(CONTEXT)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Confluent_Tableflow", "confluent-tableflow", "confluent tableflow", "db.name", "lkc-abc123"})
    void aGlueDatabaseNameAthenaCannotQueryAsGivenIsRefusedByName(String database) {
        assertThatThrownBy(() -> settings("dev", Optional.empty(), Map.of("glueDatabase", Optional.of(database))).validate(CONTEXT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("EnsureProviderIntegration: provider integration: invalid TABLEFLOW_GLUE_DATABASE: ")
                .hasMessageContaining("lower-case letters, digits and underscores");
    }

    private static EnvironmentSettings settings(Optional<String> qualifier) {
        return settings("dev", qualifier);
    }

    private static EnvironmentSettings settings(String environment, Optional<String> qualifier) {
        return settings(environment, qualifier, Map.of());
    }

    /** A valid deployment with {@code extra} settings; the optional settings this test does not name are absent. */
    private static EnvironmentSettings settings(String environment, Optional<String> qualifier, Map<String, Object> extra) {
        Map<String, Object> values = new java.util.HashMap<>(extra);
        values.putAll(Map.ofEntries(
                Map.entry("environmentName", environment),
                Map.entry("regionQualifier", qualifier),
                Map.entry("confluentEnvironmentId", "env-abc123"),
                Map.entry("kafkaClusterId", "lkc-abc123"),
                Map.entry("serviceAccountId", "sa-abc123"),
                Map.entry("customerRoleArn", "arn:aws:iam::123456789012:role/tableflow"),
                Map.entry("cloudApiKeySecret", "confluent-cloud-api-key"),
                Map.entry("secretPrefix", "tableflow-onboarding/" + environment + "/"),
                Map.entry("confluentUrl", "https://api.confluent.cloud"),
                Map.entry("bucketName", "acme-tableflow-dev")));
        TableflowConfig config = (TableflowConfig) Proxy.newProxyInstance(TableflowConfig.class.getClassLoader(), new Class<?>[] {TableflowConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), Optional.empty()));
        return new EnvironmentSettings(config);
    }
}
