package dev.tableflow.onboarding.testbed.lambda;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SamTemplateTest {

    private static final Path FIXTURE = Path.of("src/test/resources/testbed-fixtures/template.yaml");
    private final SamTemplate template = SamTemplate.load(FIXTURE);

    @Test
    void findsTheQuarkusFunctionsWithGlobalsApplied() {
        assertThat(template.functions()).containsOnlyKeys("CheckReadinessFunction", "RegisterTopicFunction");

        assertThat(template.function("CheckReadinessFunction")).isEqualTo(new FunctionSpec("CheckReadinessFunction",
                "CheckReadiness", Duration.ofSeconds(5), 512,
                Map.of("POWERTOOLS_SERVICE_NAME", "onboarding", "STAGE", "fixed"), Set.of()));
        assertThat(template.function("RegisterTopicFunction")).isEqualTo(new FunctionSpec("RegisterTopicFunction",
                "RegisterTopic", Duration.ofSeconds(20), 1024,
                Map.of("POWERTOOLS_SERVICE_NAME", "onboarding"), Set.of("STAGE", "SECRET_ARN")));
    }

    @Test
    void keepsShortFormIntrinsicsAsLongForm() {
        var substitutions = template.json().at("/Resources/OnboardingStateMachine/Properties/DefinitionSubstitutions");

        assertThat(substitutions.path("CheckReadinessFunctionArn").toString())
                .isEqualTo("{\"Ref\":\"CheckReadinessFunction.Alias\"}");
        assertThat(substitutions.path("RegisterTopicFunctionArn").toString())
                .isEqualTo("{\"Fn::GetAtt\":[\"RegisterTopicFunction\",\"Arn\"]}");
        assertThat(substitutions.path("EventBusName").toString()).isEqualTo("{\"Ref\":\"TableflowEventBus\"}");
    }

    @Test
    void resolvesStateMachineDefinitionsNextToTheTemplate() {
        assertThat(template.stateMachineDefinitions()).containsExactly(Map.entry("OnboardingStateMachine",
                FIXTURE.toAbsolutePath().getParent().resolve("statemachine/onboarding.asl.json")));
    }
}
