package dev.tableflow.onboarding.template;

import dev.tableflow.onboarding.validation.Rules;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.tableflow.onboarding.template.SamTemplate.FUNCTION;
import static dev.tableflow.onboarding.template.SamTemplate.STATE_MACHINE;
import static dev.tableflow.onboarding.template.SamTemplate.list;
import static dev.tableflow.onboarding.template.SamTemplate.map;
import static dev.tableflow.onboarding.template.SamTemplate.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege and wiring, read from the structure of template.yaml: a role per function, no write action on every
 * resource, a log group with retention per function and workflow, one name per step from the logical id to the ASL
 * placeholder.
 */
class TemplatePolicyTest {

    /**
     * Log delivery set-up for Step Functions: CloudWatch Logs offers no resource-level permissions for these, so "*" is
     * the only resource they can have. Accepted on state machine roles only.
     */
    private static final Set<String> NO_RESOURCE_LEVEL_PERMISSIONS = Set.of("logs:CreateLogDelivery", "logs:GetLogDelivery",
            "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies", "logs:DescribeLogGroups");

    /** SAM policy templates in use, each with the parameter that scopes it to one resource. */
    private static final Map<String, String> POLICY_TEMPLATE_SCOPE = Map.of("EventBridgePutEventsPolicy", "EventBusName",
            "StepFunctionsExecutionPolicy", "StateMachineName");

    private static final String OWNED_SECRETS = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:tableflow-onboarding/${EnvironmentName}/";
    private static final String CLOUD_API_KEY_SECRET = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${ConfluentCloudApiKeySecretName}";
    /** The operator's Schema Registry key, when the SchemaRegistryApiKeySecretName parameter names one. */
    private static final String OPERATOR_SCHEMA_REGISTRY_KEY_SECRET =
            "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${SchemaRegistryApiKeySecretName}";
    private static final String MANAGED_SCHEMA_REGISTRY_KEY_SECRET = OWNED_SECRETS + "schema-registry-key";
    private static final String OPERATOR_SCHEMA_REGISTRY_KEY = "UseOperatorSchemaRegistryApiKey";
    /** The steps that read the Schema Registry key: the one that ensures it and the one that registers schemas. */
    private static final Set<String> SCHEMA_REGISTRY_KEY_READERS = Set.of("EnsureSchemaRegistryApiKeyFunction", "EnsureSchemaFunction",
            "ReportStatusFunction", "DeleteSchemaFunction");
    private static final String SCHEMA_REGISTRY_KEY_DELETER = "DeleteSchemaRegistryApiKeyFunction";

    /**
     * aws.SecretStore is the only Secrets Manager caller, and it only gets, puts and creates secret values (untagged),
     * for rotation reads a secret's stages and moves them, and empties the secrets of deleted keys. TagResource and the
     * like would be grants no code uses.
     */
    private static final Set<String> SECRET_STORE_ACTIONS = Set.of("secretsmanager:getsecretvalue", "secretsmanager:putsecretvalue",
            "secretsmanager:createsecret", "secretsmanager:describesecret", "secretsmanager:updatesecretversionstage");
    /** Only a rotation function, and the teardown steps that take a deleted key's version out of a rotation, read a secret's version stages and move them. */
    private static final Set<String> ROTATION_ACTIONS = Set.of("secretsmanager:describesecret", "secretsmanager:updatesecretversionstage");
    private static final String ROTATION_FUNCTION = "RotateApiKeyFunction";
    /** The teardown steps that delete API keys, each with the one secret it empties (writes the placeholder into). */
    private static final Map<String, String> API_KEY_DELETERS = Map.of("DeleteKafkaApiKeyFunction", OWNED_SECRETS + "tableflow-topic-key",
            "DeleteSchemaRegistryApiKeyFunction", MANAGED_SCHEMA_REGISTRY_KEY_SECRET, "DeleteTableflowApiKeyFunction", OWNED_SECRETS + "tableflow-api-key");
    private static final Set<String> STAGE_MOVERS = Set.of(ROTATION_FUNCTION, "DeleteKafkaApiKeyFunction", "DeleteSchemaRegistryApiKeyFunction",
            "DeleteTableflowApiKeyFunction");
    /** The steps that create API keys (steps.ApiKeys): Confluent shows a key's secret once, so they store it. */
    private static final Set<String> API_KEY_OWNERS = Set.of("EnsureTableflowApiKeyFunction", "EnsureKafkaApiKeyFunction",
            "EnsureSchemaRegistryApiKeyFunction");

    private final SamTemplate template = SamTemplate.load();
    private final Map<String, Map<String, Object>> functions = template.propertiesOfType(FUNCTION);
    private final Map<String, Map<String, Object>> stateMachines = template.propertiesOfType(STATE_MACHINE);

    @Test
    void templateDeclaresTheWorkflowsAndTheirSteps() {
        assertThat(functions.keySet()).contains("EnsureProviderIntegrationFunction", "EnsureTableflowApiKeyFunction",
                "CheckTableflowApiKeyFunction", "EnsureRoleBindingFunction", "EnsureCatalogIntegrationFunction",
                "EnsureTrustPolicyFunction", "CheckCatalogIntegrationFunction", "EnsureKafkaApiKeyFunction",
                "CheckKafkaApiKeyFunction", "EnsureSchemaRegistryApiKeyFunction", "EnsureTopicFunction", "EnsureSchemaFunction",
                "EnsureTableflowTopicFunction", "CheckTableflowTopicFunction", "ConfirmGlueTableFunction",
                "PublishOutcomeFunction", "StartOnboardingFunction", "ReportStatusFunction", "DisableTableflowTopicFunction",
                "DeleteSchemaFunction", "DeleteTopicFunction", "RotateApiKeyFunction", "StartTeardownFunction", "DeleteKafkaApiKeyFunction",
                "DeleteSchemaRegistryApiKeyFunction", "RemoveTrustStatementFunction", "DeleteCatalogIntegrationFunction",
                "DeleteTableflowApiKeyFunction", "DeleteRoleBindingFunction", "DeleteProviderIntegrationFunction");
        assertThat(stateMachines.keySet()).containsExactlyInAnyOrder("BootstrapStateMachine", "OnboardingStateMachine", "OffboardingStateMachine",
                "TeardownStateMachine");
    }

    // ----- roles

    @Test
    void everyFunctionHasItsOwnRoleFromItsOwnPolicies() {
        assertThat(template.globalFunction()).as("Globals.Function").doesNotContainKeys("Role", "Policies");
        functions.forEach((id, properties) -> {
            assertThat(properties).as(id + " must not share a role nor widen its boundary").doesNotContainKeys("Role", "PermissionsBoundary");
            assertThat(list(properties.get("Policies"))).as(id + ".Policies").isNotEmpty();
            for (Object policy : list(properties.get("Policies"))) {
                assertThat(policy).as(id + ": a managed policy name or ARN is not scoped to this step's resources").isInstanceOf(Map.class);
            }
        });
        stateMachines.forEach((id, properties) -> assertThat(properties).as(id).doesNotContainKey("Role"));
    }

    @Test
    void noStatementGrantsAWriteActionOnEveryResource() {
        forEachStatement((owner, statement) -> {
            List<Object> actions = list(statement.get("Action"));
            assertThat(statement).as(owner + ": NotAction/NotResource grant more than they say").doesNotContainKeys("NotAction", "NotResource");
            assertThat(statement.get("Effect")).as(owner).isEqualTo("Allow");
            for (Object action : actions) {
                assertThat(String.valueOf(action)).as(owner + ": wildcard action").doesNotContain("*");
            }
            if (list(statement.get("Resource")).contains("*")) {
                for (Object action : actions) {
                    String name = String.valueOf(action);
                    boolean readOnly = name.matches("[a-z0-9-]+:(Get|List|Describe|BatchGet)[A-Za-z]*");
                    boolean unscopable = NO_RESOURCE_LEVEL_PERMISSIONS.contains(name) && stateMachines.containsKey(owner);
                    assertThat(readOnly || unscopable).as(owner + ": " + name + " on Resource \"*\"").isTrue();
                }
            }
        });
    }

    @Test
    void policyTemplatesAreScopedToResourcesOfThisStack() {
        forEachPolicy((owner, policy) -> policy.forEach((name, parameters) -> {
            if (name.equals("Statement")) {
                return;
            }
            assertThat(POLICY_TEMPLATE_SCOPE).as(owner + ": policy template " + name + " is not reviewed here").containsKey(name);
            Object scope = map(parameters).get(POLICY_TEMPLATE_SCOPE.get(name));
            // A role the bus's policy names cannot !Ref the bus (a circular dependency): it names the bus as the bus names itself.
            if (scope.equals(map(template.resource("TableflowEventBus"), "Properties").get("Name"))) {
                return;
            }
            assertThat(referencedId(scope)).as(owner + ": " + name + " must name a resource of this stack, not " + scope)
                    .isIn(template.resources().keySet());
        }));
    }

    @Test
    void secretGrantsStayOnTheCloudApiKeyAndThisEnvironmentsOwnSecrets() {
        forEachStatement((owner, statement) -> {
            List<String> actions = list(statement.get("Action")).stream().map(String::valueOf).toList();
            if (actions.stream().noneMatch(a -> a.startsWith("secretsmanager:"))) {
                return;
            }
            boolean writes = actions.stream().anyMatch(a -> !a.equalsIgnoreCase("secretsmanager:GetSecretValue"));
            for (String arn : resources(statement)) {
                if (writes) {
                    assertThat(arn).as(owner + " may write only secrets it owns").startsWith(OWNED_SECRETS);
                } else {
                    assertThat(arn.startsWith(OWNED_SECRETS) || arn.startsWith(CLOUD_API_KEY_SECRET)
                            || arn.startsWith(OPERATOR_SCHEMA_REGISTRY_KEY_SECRET)).as(owner + " reads " + arn).isTrue();
                }
                // One named secret: its ARN with the random suffix, or the bare name for a not-yet-existing secret.
                assertThat(arn).as(owner).matches(".*:secret:[^*?]+(-\\?{6})?");
            }
        });
        Object prefix = map(template.globalFunction(), "Environment", "Variables").get("TABLEFLOW_SECRET_PREFIX");
        assertThat(map(prefix).get("Fn::Sub")).as("TABLEFLOW_SECRET_PREFIX is the prefix the policies grant")
                .isEqualTo(OWNED_SECRETS.substring(OWNED_SECRETS.indexOf(":secret:") + ":secret:".length()));
    }

    @Test
    void secretsManagerGrantsAreTheCallsSecretStoreMakes() {
        Set<String> writers = new TreeSet<>();
        forEachStatement((owner, statement) -> {
            for (Object action : list(statement.get("Action"))) {
                String name = String.valueOf(action).toLowerCase(Locale.ROOT);
                if (name.startsWith("secretsmanager:")) {
                    assertThat(name).as(owner + ": a Secrets Manager action SecretStore never calls").isIn(SECRET_STORE_ACTIONS);
                    if (!name.equals("secretsmanager:getsecretvalue")) {
                        writers.add(owner);
                    }
                    if (ROTATION_ACTIONS.contains(name)) {
                        assertThat(owner).as(name + " outside the rotation function and the key deleters").isIn(STAGE_MOVERS);
                    }
                }
            }
        });
        Set<String> expected = new TreeSet<>(API_KEY_OWNERS);
        expected.add(ROTATION_FUNCTION);
        expected.addAll(API_KEY_DELETERS.keySet());
        assertThat(writers).as("functions that may create or write secrets").isEqualTo(expected);
    }

    /** A teardown step may empty exactly the secret of the key it deletes: no other secret, no prefix. */
    @Test
    void secretClearingIsScopedToTheSecretOfTheDeletedKey() {
        API_KEY_DELETERS.forEach((function, secret) -> {
            Set<String> written = new TreeSet<>();
            for (boolean operatorKey : List.of(true, false)) {
                statements(function, Map.of(OPERATOR_SCHEMA_REGISTRY_KEY, operatorKey)).stream()
                        .filter(statement -> list(statement.get("Action")).stream().anyMatch(a -> "secretsmanager:putsecretvalue".equalsIgnoreCase(String.valueOf(a))))
                        .forEach(statement -> written.addAll(resources(statement)));
            }
            assertThat(written).as(function).containsExactlyInAnyOrder(secret, secret + "-??????");
        });
    }

    /**
     * SchemaRegistryApiKeySecretName set: the key steps read the operator's secret and cannot touch the managed one.
     * Empty: they own (or read) the managed secret and cannot read whatever the parameter might name.
     */
    @Test
    void schemaRegistryKeyGrantsFollowSchemaRegistryApiKeySecretName() {
        assertThat(map(template.globalFunction(), "Environment", "Variables").get("TABLEFLOW_SCHEMA_REGISTRY_API_KEY_SECRET"))
                .as("Globals: TABLEFLOW_SCHEMA_REGISTRY_API_KEY_SECRET").isEqualTo(Map.of("Ref", "SchemaRegistryApiKeySecretName"));
        assertThat(map(template.root(), "Conditions").get(OPERATOR_SCHEMA_REGISTRY_KEY)).as(OPERATOR_SCHEMA_REGISTRY_KEY)
                .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "SchemaRegistryApiKeySecretName"), "")))));
        // Every combination of the other Conditions too: a policy may choose on them (GlueDatabaseName, …).
        for (Map<String, Boolean> conditions : template.conditionCases()) {
            boolean operatorKey = conditions.get(OPERATOR_SCHEMA_REGISTRY_KEY);
            String granted = operatorKey ? OPERATOR_SCHEMA_REGISTRY_KEY_SECRET : MANAGED_SCHEMA_REGISTRY_KEY_SECRET;
            String other = operatorKey ? MANAGED_SCHEMA_REGISTRY_KEY_SECRET : OPERATOR_SCHEMA_REGISTRY_KEY_SECRET;
            functions.keySet().forEach(function -> {
                List<String> secrets = new ArrayList<>();
                statements(function, conditions).forEach(statement -> secrets.addAll(resources(statement)));
                String as = function + " with " + conditions;
                assertThat(secrets).as(as).noneMatch(arn -> arn.startsWith(other));
                if (SCHEMA_REGISTRY_KEY_READERS.contains(function) || (function.equals(ROTATION_FUNCTION) && !operatorKey)) {
                    assertThat(secrets).as(as).contains(granted, granted + "-??????");
                } else if (function.equals(SCHEMA_REGISTRY_KEY_DELETER)) {
                    // Deletes the managed key's secret; an operator's key is never deleted, so then no grant at all.
                    assertThat(secrets).as(as).noneMatch(arn -> arn.startsWith(OPERATOR_SCHEMA_REGISTRY_KEY_SECRET));
                    if (!operatorKey) {
                        assertThat(secrets).as(as).contains(granted, granted + "-??????");
                    }
                } else {
                    assertThat(secrets).as(as).noneMatch(arn -> arn.startsWith(granted));
                }
            });
        }
    }

    // ----- one stack per region

    /** An empty qualifier keeps a single-region stack's names; any other value is one the functions accept. */
    @Test
    void regionQualifierReachesEveryFunctionAndAcceptsWhatTheyValidate() {
        assertThat(map(template.globalFunction(), "Environment", "Variables").get("TABLEFLOW_REGION_QUALIFIER"))
                .as("Globals: TABLEFLOW_REGION_QUALIFIER").isEqualTo(Map.of("Ref", "RegionQualifier"));
        Map<String, Object> parameter = map(template.root(), "Parameters", "RegionQualifier");
        assertThat(parameter.get("Default")).isEqualTo("");
        assertThat(parameter.get("AllowedPattern")).isEqualTo("^(" + Rules.REGION_QUALIFIER.pattern() + ")?$");
    }

    @Test
    void noResourceHasAFixedIamName() {
        // IAM is global: a fixed name would collide with the same stack deployed in another region. A CloudWatch Logs
        // resource policy's PolicyName is regional, like the log groups, and CloudFormation requires one.
        template.resources().entrySet().stream().filter(resource -> !"AWS::Logs::ResourcePolicy".equals(map(resource.getValue()).get("Type")))
                .forEach(resource -> assertThat(map(resource.getValue(), "Properties")).as(resource.getKey())
                        .doesNotContainKeys("RoleName", "ManagedPolicyName", "InstanceProfileName", "PolicyName"));
    }

    // ----- key rotation

    /** The rotation function may touch exactly the managed key secrets, and read the Cloud API key. */
    @Test
    void theRotationFunctionsRoleCoversExactlyTheManagedKeySecrets() {
        for (boolean operatorKey : List.of(true, false)) {
            Map<String, Boolean> conditions = Map.of(OPERATOR_SCHEMA_REGISTRY_KEY, operatorKey, "ManageSchemaRegistryApiKey", !operatorKey);
            Set<String> rotated = new TreeSet<>();
            Set<String> read = new TreeSet<>();
            for (Map<String, Object> statement : statements(ROTATION_FUNCTION, conditions)) {
                List<String> actions = list(statement.get("Action")).stream().map(String::valueOf).toList();
                (actions.contains("secretsmanager:UpdateSecretVersionStage") ? rotated : read).addAll(resources(statement));
            }
            Set<String> expected = new TreeSet<>();
            for (String secret : operatorKey ? List.of("tableflow-api-key", "tableflow-topic-key")
                    : List.of("tableflow-api-key", "tableflow-topic-key", "schema-registry-key")) {
                expected.add(OWNED_SECRETS + secret);
                expected.add(OWNED_SECRETS + secret + "-??????");
            }
            assertThat(rotated).as("rotated with " + conditions).isEqualTo(expected);
            assertThat(read).as("read with " + conditions).containsExactlyInAnyOrder(CLOUD_API_KEY_SECRET, CLOUD_API_KEY_SECRET + "-??????");
        }
    }

    /**
     * Every declared key secret holds SecretStore's placeholder under the name the steps use, and has a rotation schedule
     * that invokes the rotation function, never at deploy time, allowed by a permission scoped to that secret.
     */
    @Test
    void everyManagedSecretRotatesOnTheScheduleThroughTheRotationFunction() {
        Map<String, Map<String, Object>> secrets = template.propertiesOfType("AWS::SecretsManager::Secret");
        assertThat(secrets.keySet()).containsExactlyInAnyOrder("TableflowApiKeySecret", "KafkaApiKeySecret", "SchemaRegistryApiKeySecret");
        assertThat(template.resource("TableflowApiKeySecret")).as("the TableFlow key's secret outlives the stack")
                .containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        Map<String, Map<String, Object>> schedules = template.propertiesOfType("AWS::SecretsManager::RotationSchedule");
        assertThat(schedules).hasSameSizeAs(secrets);
        Object alias = Map.of("Ref", ROTATION_FUNCTION + ".Alias");
        secrets.forEach((id, properties) -> {
            assertThat(String.valueOf(map(properties.get("Name")).get("Fn::Sub"))).as(id).startsWith("tableflow-onboarding/${EnvironmentName}/");
            assertThat(properties.get("SecretString")).as(id).isEqualTo(dev.tableflow.onboarding.aws.SecretStore.PLACEHOLDER);
            String scheduleId = id.replace("Secret", "RotationSchedule");
            Map<String, Object> schedule = schedules.get(scheduleId);
            assertThat(schedule).as(scheduleId).isNotNull();
            assertThat(referencedId(schedule.get("SecretId"))).as(scheduleId).isEqualTo(id);
            assertThat(schedule.get("RotationLambdaARN")).as(scheduleId).isEqualTo(alias);
            assertThat(schedule.get("RotateImmediatelyOnUpdate")).as(scheduleId + ": a deploy must not rotate").isEqualTo(false);
            assertThat(map(schedule, "RotationRules").get("AutomaticallyAfterDays")).isEqualTo(Map.of("Ref", "ApiKeyRotationDays"));
            String permissionId = String.valueOf(template.resource(scheduleId).get("DependsOn"));
            Map<String, Object> permission = template.resource(permissionId);
            assertThat(permission.get("Type")).as(permissionId).isEqualTo("AWS::Lambda::Permission");
            assertThat(map(permission, "Properties")).as(permissionId).containsEntry("Principal", "secretsmanager.amazonaws.com")
                    .containsEntry("Action", "lambda:InvokeFunction").containsEntry("FunctionName", alias)
                    .containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId")).containsEntry("SourceArn", Map.of("Ref", id));
            for (String resource : List.of(id, scheduleId, permissionId)) {
                assertThat(template.resource(resource).get("Condition")).as(resource + " exists when its secret does")
                        .isEqualTo(template.resource(id).get("Condition"));
            }
        });
    }

    // ----- logs

    @Test
    void everyFunctionLogsToItsOwnLogGroupWithRetention() {
        Set<String> used = new TreeSet<>();
        functions.forEach((id, properties) -> {
            String logGroup = referencedId(map(properties, "LoggingConfig").get("LogGroup"));
            assertThat(logGroup).as(id + ".LoggingConfig.LogGroup").isNotNull();
            assertThat(used.add(logGroup)).as(logGroup + " is shared").isTrue();
            assertLogGroupWithRetention(id, logGroup);
            Object name = map(template.resource(logGroup), "Properties").get("LogGroupName");
            assertThat(String.valueOf(map(name).getOrDefault("Fn::Sub", name))).as(logGroup + " name").endsWith("/" + step(id));
        });
    }

    /**
     * SAM gives every function role AWSLambdaBasicExecutionRole, whose log actions are on "*". The boundary all of
     * them share leaves every other action to the role's own policies and CloudWatch Logs to writing into this
     * environment's function log groups, which must therefore all be named under the prefix it allows.
     */
    @Test
    void theBoundaryOfEveryFunctionRoleKeepsItsLogsInThisEnvironmentsLogGroups() {
        assertThat(referencedId(template.globalFunction().get("PermissionsBoundary"))).isEqualTo("FunctionPermissionsBoundary");
        Map<String, Object> boundary = template.resource("FunctionPermissionsBoundary");
        assertThat(boundary.get("Type")).isEqualTo("AWS::IAM::ManagedPolicy");
        List<Object> statements = list(map(boundary, "Properties", "PolicyDocument").get("Statement"));
        String logGroups = null;
        for (Object element : statements) {
            Map<String, Object> statement = map(element);
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            if (statement.containsKey("NotAction")) {
                assertThat(list(statement.get("NotAction"))).as("everything but CloudWatch Logs passes").containsExactly("logs:*");
            } else {
                assertThat(list(statement.get("Action"))).as("logs, and only writing them")
                        .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
                logGroups = String.valueOf(map(statement.get("Resource")).get("Fn::Sub"));
            }
        }
        assertThat(logGroups).isEqualTo("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/tableflow-onboarding-${EnvironmentName}/*");
        String prefix = logGroups.substring(logGroups.indexOf(":log-group:") + ":log-group:".length(), logGroups.length() - 1);
        functions.forEach((id, properties) -> {
            Object name = map(template.resource(referencedId(map(properties, "LoggingConfig").get("LogGroup"))), "Properties").get("LogGroupName");
            assertThat(String.valueOf(map(name).getOrDefault("Fn::Sub", name))).as(id + " logs where its boundary lets it").startsWith(prefix);
        });
    }

    @Test
    void everyWorkflowLogsToItsOwnLogGroupWithRetention() {
        stateMachines.forEach((id, properties) -> {
            List<Object> destinations = list(map(properties, "Logging").get("Destinations"));
            assertThat(destinations).as(id + ".Logging.Destinations").hasSize(1);
            String logGroup = referencedId(map(destinations.getFirst(), "CloudWatchLogsLogGroup").get("LogGroupArn"));
            assertLogGroupWithRetention(id, logGroup);
        });
    }

    // ----- one name per step

    @Test
    void everyHandlerIsNamedAfterItsFunction() {
        assertThat(map(template.globalFunction(), "Environment", "Variables")).doesNotContainKey("QUARKUS_LAMBDA_HANDLER");
        functions.forEach((id, properties) -> {
            assertThat(id).endsWith("Function");
            assertThat(map(properties, "Environment", "Variables").get("QUARKUS_LAMBDA_HANDLER")).as(id).isEqualTo(step(id));
        });
    }

    /** RuntimeConfig's switches (priming at start-up, the pause scale) are the test harnesses', never the stack's. */
    @Test
    void theStackSetsNoRuntimeSwitch() {
        Stream.concat(Stream.of(template.globalFunction()), functions.values().stream())
                .map(properties -> map(properties, "Environment", "Variables"))
                .forEach(variables -> variables.forEach((name, value) -> {
                    assertThat(name).as("a RuntimeConfig variable").doesNotStartWith("RUNTIME_");
                    assertThat(String.valueOf(value)).as(name).doesNotContain("-Druntime.");
                }));
    }

    @Test
    void everyDefinitionSubstitutionInvokesTheFunctionOfTheSameName() {
        stateMachines.forEach((machine, properties) -> {
            Map<String, Object> substitutions = map(properties, "DefinitionSubstitutions");
            assertThat(substitutions).as(machine + ".DefinitionSubstitutions").isNotEmpty();
            substitutions.forEach((placeholder, value) -> {
                assertThat(placeholder).as(machine).endsWith("FunctionArn");
                String function = placeholder.substring(0, placeholder.length() - "Arn".length());
                assertThat(functions).as(machine + ": ${" + placeholder + "}").containsKey(function);
                // The alias (SnapStart runs published versions only) or, failing that, the function's ARN.
                assertThat(value).as(machine + ": ${" + placeholder + "}")
                        .isIn(Map.of("Ref", function + ".Alias"), Map.of("Fn::GetAtt", List.of(function, "Arn")));
            });
        });
    }

    /**
     * Each workflow may invoke the "live" alias of exactly the functions it calls, and nothing else: not $LATEST, not
     * another version (SAM's LambdaInvokePolicy would grant {@code function:<name>*}, which allows both).
     */
    @Test
    void everyWorkflowMayInvokeExactlyTheLiveAliasOfTheFunctionsItCalls() {
        stateMachines.forEach((machine, properties) -> {
            Set<String> called = new TreeSet<>();
            map(properties, "DefinitionSubstitutions").keySet().forEach(p -> called.add(p.substring(0, p.length() - "Arn".length())));
            Set<String> invocable = new TreeSet<>();
            for (Object policy : list(properties.get("Policies"))) {
                assertThat(map(policy)).as(machine + ": a policy template granting function:<name>*").doesNotContainKey("LambdaInvokePolicy");
                for (Object statement : list(map(policy).get("Statement"))) {
                    if (list(map(statement).get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("lambda:"))) {
                        assertThat(list(map(statement).get("Action"))).as(machine).containsExactly("lambda:InvokeFunction");
                        for (Object resource : list(map(statement).get("Resource"))) {
                            String alias = String.valueOf(map(resource).get("Ref"));
                            assertThat(alias).as(machine + ": " + resource + " must be a function's alias").endsWith("Function.Alias");
                            invocable.add(alias.substring(0, alias.length() - ".Alias".length()));
                        }
                    }
                }
            }
            assertThat(invocable).as(machine + " invocable aliases").isEqualTo(called);
        });
    }

    @Test
    void everyAslPlaceholderHasASubstitutionAndViceVersa() throws IOException {
        for (var machine : stateMachines.entrySet()) {
            Path definition = template.directory().resolve(String.valueOf(machine.getValue().get("DefinitionUri")));
            assertThat(definition).as(machine.getKey() + ".DefinitionUri").exists();
            Set<String> placeholders = new TreeSet<>();
            Matcher placeholder = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(Files.readString(definition));
            while (placeholder.find()) {
                placeholders.add(placeholder.group(1));
            }
            assertThat(placeholders).as(definition + " placeholders vs " + machine.getKey() + ".DefinitionSubstitutions")
                    .isEqualTo(new TreeSet<>(map(machine.getValue(), "DefinitionSubstitutions").keySet()));
        }
    }

    // ----- helpers

    private static String step(String functionId) {
        return functionId.substring(0, functionId.length() - "Function".length());
    }

    private void assertLogGroupWithRetention(String owner, String logGroup) {
        assertThat(logGroup).as(owner + " log group").isNotNull();
        Map<String, Object> resource = template.resource(logGroup);
        assertThat(resource.get("Type")).as(logGroup).isEqualTo("AWS::Logs::LogGroup");
        assertThat(map(resource, "Properties")).as(logGroup).containsKey("RetentionInDays");
    }

    private interface PolicyVisitor {
        void visit(String owner, Map<String, Object> policy);
    }

    private interface StatementVisitor {
        void visit(String owner, Map<String, Object> statement);
    }

    /** Every policy of every function and workflow, as deployed under each combination of the template's Conditions. */
    private void forEachPolicy(PolicyVisitor visitor) {
        Map<String, Map<String, Object>> owners = new LinkedHashMap<>(functions);
        owners.putAll(stateMachines);
        for (Map<String, Boolean> conditions : template.conditionCases()) {
            owners.forEach((owner, properties) -> list(SamTemplate.choose(properties.get("Policies"), conditions))
                    .forEach(policy -> visitor.visit(owner, map(policy))));
        }
    }

    private void forEachStatement(StatementVisitor visitor) {
        List<String> seen = new ArrayList<>();
        forEachPolicy((owner, policy) -> list(policy.get("Statement")).forEach(statement -> {
            seen.add(owner);
            visitor.visit(owner, map(statement));
        }));
        assertThat(seen).as("inline statements found").isNotEmpty();
    }

    /** The inline statements of one function or workflow as deployed with the given condition values. */
    private List<Map<String, Object>> statements(String owner, Map<String, Boolean> conditions) {
        Map<String, Object> properties = functions.containsKey(owner) ? functions.get(owner) : stateMachines.get(owner);
        List<Map<String, Object>> statements = new ArrayList<>();
        list(SamTemplate.choose(properties.get("Policies"), conditions))
                .forEach(policy -> list(map(policy).get("Statement")).forEach(statement -> statements.add(map(statement))));
        return statements;
    }

    /** A statement's resources, each as written ({@code !Sub} text or a literal). */
    private static List<String> resources(Map<String, Object> statement) {
        return list(statement.get("Resource")).stream()
                .map(resource -> String.valueOf(resource instanceof Map<?, ?> ? map(resource).getOrDefault("Fn::Sub", resource) : resource))
                .toList();
    }
}
