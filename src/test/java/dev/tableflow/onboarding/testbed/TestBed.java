package dev.tableflow.onboarding.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.testbed.aws.AwsRecordingProxy;
import dev.tableflow.onboarding.testbed.aws.MotoServer;
import dev.tableflow.onboarding.testbed.confluent.CloudHttp;
import dev.tableflow.onboarding.testbed.confluent.ConfluentCloudTestServer;
import dev.tableflow.onboarding.testbed.lambda.FunctionSpec;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import dev.tableflow.onboarding.testbed.lambda.SamTemplate;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.testbed.sfn.StateMachineRunner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole application running locally, as deployed: the packaged functions of {@code target/function.zip} run by
 * AWS's Lambda runtime client, the state machines of {@code statemachine/} run by a real ASL engine, AWS through
 * {@code moto_server} (behind a proxy that counts writes), and Confluent Cloud through the contract-true test server.
 * Function names, handlers and state machine wiring come from {@code template.yaml}; the environment variables are
 * what the template's parameters would set. The end-to-end tests and the sandbox share it.
 */
public final class TestBed implements AutoCloseable {

    public static final String ENVIRONMENT = "dev";
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    public static final String CUSTOMER_ROLE = "tableflow-dev-glue-access";
    public static final String CUSTOMER_ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/" + CUSTOMER_ROLE;
    public static final String CLOUD_API_KEY_SECRET = "confluent-cloud-api-key";
    public static final String SECRET_PREFIX = "tableflow-onboarding/" + ENVIRONMENT + "/";
    public static final String BUCKET = "acme-tableflow-dev";
    public static final String EVENT_BUS = "tableflow-onboarding-" + ENVIRONMENT;
    public static final String OUTCOME_LOG_GROUP = "/aws/events/tableflow-onboarding-" + ENVIRONMENT + "/outcomes";
    /** The record of managed topics, as template.yaml's TopicsTable names it. */
    public static final String TOPICS_TABLE = "tableflow-onboarding-" + ENVIRONMENT + "-topics";
    /** The customer role as a platform team would have created it: trusted by something else already. */
    public static final String EXISTING_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Sid":"AnalyticsJobs","Effect":"Allow",\
            "Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAND_IN = "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Pass\",\"End\":true}}}";
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path TEMPLATE = PROJECT.resolve("template.yaml");

    public final ConfluentCloudTestServer confluent;
    public final MotoServer moto;
    public final AwsRecordingProxy aws;
    public final LocalLambdaService lambda;
    public final StateMachineRunner stepFunctions;
    public final IamClient iam;
    public final SecretsManagerClient secrets;
    public final GlueClient glue;
    public final DynamoDbClient dynamodb;
    /** Secrets Manager's side of key rotation, which moto cannot drive (see {@link SecretsManagerRotation}). */
    public final SecretsManagerRotation rotation;
    /** template.yaml's alarms and dashboard in moto's CloudWatch, and the functions' metrics as CloudWatch would hold them. */
    public final CloudWatchMonitoring cloudwatch;
    private final EventBridgeClient events;
    private final SqsClient sqs;
    private final CloudWatchLogsClient logs;
    private final SfnClient sfn;
    /** Where this bed's stack runs; a bed made by {@link #inRegion} shares {@code primary}'s servers and customer role. */
    private final String region;
    private final TestBed primary;
    private final List<ExecutionResult> executions = new ArrayList<>();
    private String outcomeQueueUrl;
    private String onboardingStateMachineArn;

    private TestBed(ConfluentCloudTestServer confluent, MotoServer moto, AwsRecordingProxy aws, LocalLambdaService lambda,
            StateMachineRunner stepFunctions, String onboardingStateMachineArn, String region, TestBed primary) {
        this.confluent = confluent;
        this.moto = moto;
        this.aws = aws;
        this.lambda = lambda;
        this.stepFunctions = stepFunctions;
        this.onboardingStateMachineArn = onboardingStateMachineArn;
        this.region = region;
        this.primary = primary;
        // The bed's own AWS clients talk to moto directly: seeding and inspecting must not count as the app's calls.
        this.iam = client(IamClient.builder(), moto.endpoint(), region).region(Region.AWS_GLOBAL).build();
        this.secrets = client(SecretsManagerClient.builder(), moto.endpoint(), region).build();
        this.glue = client(GlueClient.builder(), moto.endpoint(), region).build();
        this.dynamodb = client(DynamoDbClient.builder(), moto.endpoint(), region).build();
        this.rotation = new SecretsManagerRotation(secrets, lambda);
        this.events = client(EventBridgeClient.builder(), moto.endpoint(), region).build();
        this.sqs = client(SqsClient.builder(), moto.endpoint(), region).build();
        this.logs = client(CloudWatchLogsClient.builder(), moto.endpoint(), region).build();
        this.sfn = client(SfnClient.builder(), moto.endpoint(), region).build();
        this.cloudwatch = new CloudWatchMonitoring(client(CloudWatchClient.builder(), moto.endpoint(), region).build(), TEMPLATE, region);
    }

    /** Starts everything; {@code echo} receives one line per state entered (the sandbox prints them), or null. */
    public static TestBed start(PrintStream echo) {
        return start(echo, Map.of());
    }

    /** Starts everything, the functions with {@code settings} over {@link #environment}: a stack deployed with other parameters. */
    public static TestBed start(PrintStream echo, Map<String, String> settings) {
        return start(echo, settings, 1);
    }

    /**
     * Starts everything, each function scaling up to {@code instancesPerFunction} execution environments as Lambda
     * scales with concurrent invocations (one by default: a queue is enough for steps that answer in milliseconds, not
     * for steps that poll in process while other executions wait for them).
     */
    public static TestBed start(PrintStream echo, Map<String, String> settings, int instancesPerFunction) {
        Path functionZip = functionZip();
        if (!Files.isRegularFile(functionZip)) {
            throw new IllegalStateException(functionZip + " is missing: run mvn package first");
        }
        ConfluentCloudTestServer confluent = ConfluentCloudTestServer.start();
        MotoServer moto = MotoServer.start();
        AwsRecordingProxy aws = AwsRecordingProxy.start(moto.endpoint());
        // The intake needs the onboarding state machine's ARN at start-up; moto gives it before the functions start.
        String onboardingArn = createOnboardingStateMachine(client(SfnClient.builder(), moto.endpoint(), REGION).build());
        Map<String, String> env = environment(confluent, aws.endpoint(), onboardingArn);
        env.putAll(settings);
        LocalLambdaService lambda = startFunctions(functionZip, env, REGION, instancesPerFunction);
        StateMachineRunner runner = new StateMachineRunner(PROJECT, TEMPLATE, lambda.endpoint()).awsEndpoint(aws.endpoint()).region(REGION);
        if (echo != null) {
            runner.echoTo(echo);
        }
        TestBed bed = new TestBed(confluent, moto, aws, lambda, runner, onboardingArn, REGION, null);
        bed.confluent.tableflowTopics().onGlueSync(bed::registerGlueTable);
        bed.seedAws();
        return bed;
    }

    /**
     * The same environment deployed once more, in {@code region}, side by side with this bed's stack: its own packaged
     * functions, started with {@link #environment} plus {@code AWS_REGION} and {@code settings} (the parameters that
     * differ, e.g. {@code TABLEFLOW_REGION_QUALIFIER}, the Kafka cluster, the bucket), its own state machines and its
     * regional AWS resources under the same names, all on this bed's Confluent test server and moto_server (which keeps
     * regions apart by the signing region), and this bed's customer role: IAM is global. TableFlow registers the tables
     * of the Kafka cluster in {@code settings} in this region's Glue. Closing it leaves this bed running.
     */
    public TestBed inRegion(String region, Map<String, String> settings) {
        String onboardingArn;
        try (SfnClient regionalSfn = client(SfnClient.builder(), moto.endpoint(), region).build()) {
            onboardingArn = createOnboardingStateMachine(regionalSfn);
        }
        Map<String, String> env = environment(confluent, aws.endpoint(), onboardingArn);
        env.put("AWS_REGION", region);
        env.putAll(settings);
        LocalLambdaService functions = startFunctions(functionZip(), env, region, 1);
        StateMachineRunner runner = new StateMachineRunner(PROJECT, TEMPLATE, functions.endpoint()).awsEndpoint(aws.endpoint()).region(region);
        TestBed regional = new TestBed(confluent, moto, aws, functions, runner, onboardingArn, region, this);
        regional.seedAws();
        String cluster = env.get("TABLEFLOW_KAFKA_CLUSTER_ID");
        confluent.tableflowTopics().onGlueSync((database, table, location) ->
                (database.equals(cluster) ? regional : this).registerGlueTable(database, table, location));
        return regional;
    }

    /**
     * One of the template's functions started on its own against this bed, as {@code name}: the stack's variables with
     * {@code variables} over them, and {@code timeout}; for what the stack's own settings cannot show. Close it.
     */
    public LocalLambdaService startFunction(String logicalId, String name, Duration timeout, Map<String, String> variables) {
        FunctionSpec spec = SamTemplate.load(TEMPLATE).functions().get(logicalId);
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        env.putAll(environment(confluent, aws.endpoint(), onboardingStateMachineArn));
        env.putAll(variables);
        return LocalLambdaService.builder(functionZip()).region(region)
                .function(new FunctionSpec(name, spec.handler(), timeout, spec.memoryMb(), env, Set.of())).start();
    }

    private static Path functionZip() {
        return Path.of(System.getProperty("testbed.functionZip", "target/function.zip"));
    }

    private static LocalLambdaService startFunctions(Path functionZip, Map<String, String> environment, String region, int instances) {
        return LocalLambdaService.builder(functionZip).functions(SamTemplate.load(TEMPLATE).functions().values())
                .environment(environment).region(region).maxInstancesPerFunction(instances).start();
    }

    /**
     * What template.yaml's Globals and per-function variables set from the stack parameters. The Kafka REST and
     * Schema Registry endpoints are left empty, so the functions discover them as a deployment without them would.
     * Tests that start a function with one parameter changed start from this.
     */
    public static Map<String, String> environment(ConfluentCloudTestServer confluent, URI aws, String onboardingArn) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_ENDPOINT_URL", aws.toString());
        // In-process retries repeat at once, as the state machines' Retry intervals are cut: tests are about what is
        // repeated, not how long it waits (RuntimeConfig.backoffScale).
        env.put("RUNTIME_BACKOFF_SCALE", "0");
        env.put("TABLEFLOW_ENVIRONMENT_NAME", ENVIRONMENT);
        env.put("TABLEFLOW_REGION_QUALIFIER", "");
        env.put("TABLEFLOW_CONFLUENT_ENVIRONMENT_ID", confluent.environmentId());
        env.put("TABLEFLOW_KAFKA_CLUSTER_ID", confluent.kafkaClusterId());
        env.put("TABLEFLOW_SERVICE_ACCOUNT_ID", confluent.serviceAccountId());
        env.put("TABLEFLOW_CUSTOMER_ROLE_ARN", CUSTOMER_ROLE_ARN);
        env.put("TABLEFLOW_CLOUD_API_KEY_SECRET", CLOUD_API_KEY_SECRET);
        env.put("TABLEFLOW_SECRET_PREFIX", SECRET_PREFIX);
        env.put("TABLEFLOW_CONFLUENT_URL", confluent.baseUrl());
        env.put("TABLEFLOW_METRICS_URL", confluent.baseUrl());
        env.put("TABLEFLOW_BUCKET_NAME", BUCKET);
        env.put("TABLEFLOW_GLUE_DATABASE", "");
        env.put("TABLEFLOW_KAFKA_REST_ENDPOINT", "");
        env.put("TABLEFLOW_SCHEMA_REGISTRY_ENDPOINT", "");
        env.put("TABLEFLOW_SCHEMA_REGISTRY_API_KEY_SECRET", "");
        env.put("TABLEFLOW_EVENT_BUS_NAME", EVENT_BUS);
        env.put("TABLEFLOW_TOPICS_TABLE", TOPICS_TABLE);
        env.put("TABLEFLOW_ONBOARDING_STATE_MACHINE_ARN", onboardingArn);
        env.put("TABLEFLOW_OFFBOARDING_STATE_MACHINE_ARN", standIn(onboardingArn, "OffboardingStateMachine"));
        env.put("TABLEFLOW_TEARDOWN_STATE_MACHINE_ARN", standIn(onboardingArn, "TeardownStateMachine"));
        return env;
    }

    /** Forgets every resource on both clouds and seeds what an operator has before the first deploy. */
    public void reset() {
        confluent.reset();
        moto.reset();
        onboardingStateMachineArn = createOnboardingStateMachine(sfn);
        seedAws();
        aws.reset();
        executions.clear();
    }

    /**
     * The operator's side: the customer role, the Cloud API key secret, the project's bus, and (for tests to read the
     * outcome events) a rule on that bus delivering them to a queue; and what a deploy of template.yaml creates before
     * any function runs, the API key secrets holding their placeholder. The onboarding state machine is recreated with
     * the ARN the functions were started with (moto derives it from the name).
     */
    private void seedAws() {
        if (primary == null) {
            iam.createRole(r -> r.roleName(CUSTOMER_ROLE).assumeRolePolicyDocument(EXISTING_TRUST));
        }
        secrets.createSecret(r -> r.name(CLOUD_API_KEY_SECRET).secretString(JSON.createObjectNode()
                .put("api_key", confluent.cloudApiKey()).put("api_secret", confluent.cloudApiSecret()).toString()));
        deployManagedSecrets();
        deployTopicsTable();
        events.createEventBus(r -> r.name(EVENT_BUS));
        outcomeQueueUrl = sqs.createQueue(r -> r.queueName("outcomes")).queueUrl();
        // template.yaml's own outcome rule and log group: every test that reads an outcome proves the rule delivers it.
        JsonNode outcomeRule = SamTemplate.load(PROJECT.resolve("template.yaml")).resourcesOfType("AWS::Events::Rule").get("OutcomeLogRule");
        logs.createLogGroup(r -> r.logGroupName(OUTCOME_LOG_GROUP));
        events.putRule(r -> r.name("outcomes").eventBusName(EVENT_BUS).eventPattern(outcomeRule.path("EventPattern").toString()));
        deliverOutcomes(true);
        cloudwatch.deploy();
    }

    /**
     * Puts the outcome queue on the bus's rule, or takes it off. Off, outcome events reach no one: the benchmark's cold
     * starts use it, because moto delivers to a rule's targets before it answers {@code PutEvents} (about 90 ms to a
     * queue), where EventBridge answers first and delivers afterwards.
     */
    public void deliverOutcomes(boolean deliver) {
        if (deliver) {
            String queueArn = "arn:aws:sqs:" + region + ":" + ACCOUNT + ":outcomes";
            String logArn = "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:" + OUTCOME_LOG_GROUP;
            events.putTargets(r -> r.rule("outcomes").eventBusName(EVENT_BUS)
                    .targets(t -> t.id("queue").arn(queueArn), t -> t.id("OutcomeLog").arn(logArn)));
        } else {
            events.removeTargets(r -> r.rule("outcomes").eventBusName(EVENT_BUS).ids("queue", "OutcomeLog"));
        }
    }

    /**
     * The API key secrets template.yaml declares, as a deploy creates them: named as there (with this bed's environment)
     * and holding the template's placeholder, so the key steps store into them (PutSecretValue) as they do in AWS. A test
     * that deletes one sees the steps create it (CreateSecret), as after an operator deleted it.
     */
    private void deployManagedSecrets() {
        SamTemplate.load(PROJECT.resolve("template.yaml")).resourcesOfType("AWS::SecretsManager::Secret").values().forEach(secret -> {
            String name = secret.path("Name").path("Fn::Sub").asText().replace("${EnvironmentName}", ENVIRONMENT);
            secrets.createSecret(r -> r.name(name).secretString(secret.path("SecretString").asText()));
        });
    }

    /** template.yaml's TopicsTable as a deploy creates it: its name, key schema and billing mode. */
    private void deployTopicsTable() {
        JsonNode table = SamTemplate.load(TEMPLATE).resourcesOfType("AWS::DynamoDB::Table").get("TopicsTable");
        String name = table.path("TableName").path("Fn::Sub").asText().replace("${EnvironmentName}", ENVIRONMENT);
        JsonNode key = table.path("KeySchema").path(0);
        dynamodb.createTable(r -> r.tableName(name).billingMode(BillingMode.fromValue(table.path("BillingMode").asText()))
                .attributeDefinitions(a -> a.attributeName(key.path("AttributeName").asText()).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(key.path("AttributeName").asText()).keyType(KeyType.HASH)));
    }

    /** The record of managed topics, one map of attribute to string value per topic. */
    public List<Map<String, String>> topicRecords() {
        return topicsTableItems().stream().filter(item -> item.containsKey("topic")).toList();
    }

    /**
     * What someone holding a TableFlow key could do outside this stack: a Kafka topic, and TableFlow on it through this
     * stack's provider integration into its bucket, as the onboarding would have enabled it.
     */
    public void enableTableflowOutsideTheStack(String topic) {
        String cluster = confluent.kafkaClusterId();
        String integration = confluent.providerIntegrations().list().get(0).path("id").asText();
        confluent.kafka().createTopic(cluster, topic, 1);
        try {
            HttpResponse<String> enabled = new CloudHttp(confluent).send("POST",
                    "/tableflow/v1/tableflow-topics", CloudHttp.basic(confluent.createTableflowApiKey()), """
                    {"spec":{"display_name":"%s","table_formats":["ICEBERG"],"environment":{"id":"%s"},"kafka_cluster":{"id":"%s"},
                     "storage":{"kind":"ByobAws","bucket_name":"%s","provider_integration_id":"%s"}}}"""
                            .formatted(topic, confluent.environmentId(), cluster, BUCKET, integration));
            if (enabled.statusCode() != 202) {
                throw new IllegalStateException("TableFlow on " + topic + ": " + enabled.statusCode() + " " + enabled.body());
            }
        } catch (Exception e) {
            throw new IllegalStateException("TableFlow on " + topic, e);
        }
    }

    /** Empties the record, as a stack of a version that had none would be after its upgrade, before its bootstrap. */
    public void forgetTopicRecords() {
        topicsTableItems().forEach(item -> dynamodb.deleteItem(r -> r.tableName(TOPICS_TABLE)
                .key(Map.of("table", AttributeValue.fromS(item.get("table"))))));
    }

    /** Every item, the adoption's marker included. */
    private List<Map<String, String>> topicsTableItems() {
        return dynamodb.scan(r -> r.tableName(TOPICS_TABLE).consistentRead(true)).items().stream()
                .map(item -> {
                    Map<String, String> values = new java.util.TreeMap<>();
                    item.forEach((attribute, value) -> values.put(attribute, value.s()));
                    return values;
                }).toList();
    }

    /** The state machines the intakes start, as stand-ins in moto; returns the onboarding's ARN. */
    private static String createOnboardingStateMachine(SfnClient sfn) {
        // A stand-in definition: the intake only starts executions; the real ASL runs in the engine (see onboard()).
        for (String name : List.of("OffboardingStateMachine", "TeardownStateMachine")) {
            sfn.createStateMachine(r -> r.name(name).roleArn("arn:aws:iam::" + ACCOUNT + ":role/sfn").definition(STAND_IN));
        }
        return sfn.createStateMachine(r -> r.name("OnboardingStateMachine").roleArn("arn:aws:iam::" + ACCOUNT + ":role/sfn")
                .definition(STAND_IN)).stateMachineArn();
    }

    /** Another stand-in's ARN: moto derives each from its name, in the onboarding's region and account. */
    private static String standIn(String onboardingArn, String name) {
        return onboardingArn.replace(":stateMachine:OnboardingStateMachine", ":stateMachine:" + name);
    }

    /**
     * The executions an intake started in moto's stand-in for {@code stateMachine} (OnboardingStateMachine,
     * OffboardingStateMachine, TeardownStateMachine), name to input.
     */
    public Map<String, String> startedExecutions(String stateMachine) {
        String arn = standIn(onboardingStateMachineArn, stateMachine);
        Map<String, String> started = new LinkedHashMap<>();
        sfn.listExecutions(r -> r.stateMachineArn(arn)).executions().forEach(execution -> started.put(execution.name(),
                sfn.describeExecution(r -> r.executionArn(execution.executionArn())).input()));
        return started;
    }

    /** What TableFlow does when it syncs a topic to Glue; called by the Confluent test server. */
    private void registerGlueTable(String database, String table, String location) {
        try {
            glue.createDatabase(r -> r.databaseInput(d -> d.name(database)));
        } catch (AlreadyExistsException exists) {
            // one database per Kafka cluster, shared by its topics
        }
        glue.createTable(r -> r.databaseName(database).tableInput(t -> t.name(table).tableType("EXTERNAL_TABLE")
                .parameters(Map.of("table_type", "ICEBERG")).storageDescriptor(s -> s.location(location))));
    }

    /** Runs the bootstrap workflow as the stack-update trigger starts it. */
    public ExecutionResult bootstrap() {
        return remember(stepFunctions.run("BootstrapStateMachine", readEvent("stack-update-complete.json")));
    }

    /** Runs a workflow of template.yaml on the given input; its payloads and errors count as observable. */
    public ExecutionResult run(String stateMachine, String input) {
        return remember(stepFunctions.run(stateMachine, input));
    }

    /** Sends a TopicOnboardingRequested detail through the intake function, as EventBridge delivers it. */
    public Invocation requestOnboarding(String detail) {
        return lambda.invoke("StartOnboardingFunction", delivered("TopicOnboardingRequested", detail));
    }

    /** An event of the project's source as EventBridge delivers it to a rule's target, {@code detail} its detail. */
    public String delivered(String detailType, String detail) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0").put("id", java.util.UUID.randomUUID().toString()).put("detail-type", detailType)
                .put("source", "tableflow.onboarding").put("account", ACCOUNT).put("time", java.time.Instant.now().toString().replaceAll("\\.\\d+", ""))
                .put("region", region).putArray("resources");
        event.set("detail", parse(detail));
        return event.toString();
    }

    /**
     * The full path of an onboarding request: the intake validates it and starts an execution (in moto); the engine
     * then runs the real onboarding ASL with exactly the input the intake gave that execution.
     */
    public ExecutionResult onboard(String detail) {
        return request("StartOnboardingFunction", "OnboardingStateMachine", "TopicOnboardingRequested", detail);
    }

    /**
     * A request as template.yaml's rule for it delivers it: to its intake ({@code intake}, e.g.
     * AcceptOffboardingRequestFunction), which starts an execution in moto; the engine then runs the real ASL of
     * {@code stateMachine} with exactly the input the intake gave that execution.
     */
    public ExecutionResult request(String intake, String stateMachine, String detailType, String detail) {
        Invocation accepted = lambda.invoke(intake, delivered(detailType, detail));
        if (accepted.failed()) {
            throw new AssertionError("the intake refused the request: " + accepted.errorType() + ": " + accepted.errorMessage());
        }
        return remember(stepFunctions.run(stateMachine, startedInput(stateMachine, accepted.responseJson().path("executionName").asText())));
    }

    public ExecutionResult runStartedExecution(String executionName) {
        return runStartedExecution(executionName, false);
    }

    /**
     * @param underItsName whether the run's {@code $$.Execution.Name} is the intake's execution name, as Step Functions
     *                     gives it (what a dry run's plan reports), rather than a fresh one for each run of it
     */
    public ExecutionResult runStartedExecution(String executionName, boolean underItsName) {
        return remember(stepFunctions.run("OnboardingStateMachine", startedInput("OnboardingStateMachine", executionName),
                underItsName ? executionName : null));
    }

    /** The input an intake started the execution {@code executionName} of {@code stateMachine} with. */
    private String startedInput(String stateMachine, String executionName) {
        String arn = standIn(onboardingStateMachineArn, stateMachine).replace(":stateMachine:", ":execution:") + ":" + executionName;
        return sfn.describeExecution(r -> r.executionArn(arn)).input();
    }

    /**
     * Ends an execution the intake started, as a finished run would: moto runs no ASL, so its executions stay
     * RUNNING until stopped.
     */
    public void endExecution(String executionArn) {
        sfn.stopExecution(r -> r.executionArn(executionArn));
    }

    /** Executions the intake started in moto. */
    public List<String> startedExecutions() {
        return sfn.listExecutions(r -> r.stateMachineArn(onboardingStateMachineArn)).executions().stream().map(e -> e.name()).toList();
    }

    /**
     * Outcome events published on the project's bus since the last call, oldest first. The queue and the stack's outcome
     * log group are targets of the same rule (template.yaml's OutcomeLogRule): each event drained must be in the log
     * too, checked here, before a test's reset can clear the log.
     */
    public List<JsonNode> outcomeEvents() {
        List<JsonNode> received = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(outcomeQueueUrl).maxNumberOfMessages(10)).messages();
            if (batch.isEmpty()) {
                List<JsonNode> logged = received.isEmpty() ? List.of() : outcomeLog().stream().map(event -> event.path("id")).toList();
                received.stream().filter(event -> !logged.contains(event.path("id"))).findFirst().ifPresent(event -> {
                    throw new AssertionError("outcome " + event.path("id") + " (" + event.path("detail-type").asText()
                            + ") reached the queue but not the outcome log group " + OUTCOME_LOG_GROUP);
                });
                return received;
            }
            for (Message message : batch) {
                received.add(parse(message.body()));
                sqs.deleteMessage(r -> r.queueUrl(outcomeQueueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /**
     * Every event in the stack's outcome log group (template.yaml's OutcomeLogGroup), as EventBridge wrote it. Read
     * without the SDK: moto writes an EventBridge target's log events with a fractional timestamp, which the SDK's
     * strict unmarshaller refuses. moto reads the region from the credential scope and checks no signature.
     */
    public List<JsonNode> outcomeLog() {
        List<JsonNode> logged = new ArrayList<>();
        String token = null;
        do {
            ObjectNode body = JSON.createObjectNode().put("logGroupName", OUTCOME_LOG_GROUP);
            if (token != null) {
                body.put("nextToken", token);
            }
            HttpRequest request = HttpRequest.newBuilder(moto.endpoint()).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "Logs_20140328.FilterLogEvents")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261207/" + region + "/logs/aws4_request, SignedHeaders=host, Signature=0")
                    .build();
            JsonNode page;
            try (HttpClient http = HttpClient.newHttpClient()) {
                page = parse(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            page.path("events").forEach(event -> logged.add(parse(event.path("message").asText())));
            token = page.path("nextToken").isTextual() ? page.path("nextToken").asText() : null;
        } while (token != null);
        return logged;
    }

    public String secretString(String name) {
        return secrets.getSecretValue(r -> r.secretId(name).versionStage("AWSCURRENT")).secretString();
    }

    public JsonNode trustPolicy() {
        return trustPolicy(CUSTOMER_ROLE);
    }

    public JsonNode trustPolicy(String roleName) {
        return parse(java.net.URLDecoder.decode(iam.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Fails when an API key secret Confluent issued in this bed, or the Cloud API secret, appears in anything that
     * leaves a function or a workflow: function logs, state payloads and errors of every execution, outcome events.
     * The failure names the secret by number only, since assertion messages end up in reports and CI logs.
     */
    public void assertNoSecretObservable(List<JsonNode> outcomeEvents, String when) {
        StringBuilder observable = new StringBuilder();
        lambda.allLogs().values().forEach(observable::append);
        lambda.invocations().forEach(i -> observable.append(i.request()).append(i.response()).append(i.errorMessage()));
        executions.forEach(e -> observable.append(e.events()).append(e.output()).append(e.cause()));
        outcomeEvents.forEach(observable::append);
        List<String> secrets = new ArrayList<>(confluent.apiKeys().issuedSecrets());
        secrets.add(confluent.cloudApiSecret());
        for (int i = 0; i < secrets.size(); i++) {
            if (observable.indexOf(secrets.get(i)) >= 0) {
                throw new AssertionError(when + ": secret " + (i + 1) + " of " + secrets.size() + " leaked into logs, payloads, errors or events");
            }
        }
    }

    /** Two secret values compared without printing either when they differ. */
    public static void assertSameSecret(String actual, String expected, String what) {
        if (actual == null || !actual.equals(expected)) {
            throw new AssertionError(what + ": the secrets differ" + (actual == null ? " (none stored)" : ""));
        }
    }

    private ExecutionResult remember(ExecutionResult result) {
        executions.add(result);
        return result;
    }

    public static String readEvent(String file) {
        try {
            return Files.readString(PROJECT.resolve("events").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The detail of the first entry of a sample in {@code events/}, as EventBridge would deliver it. */
    public static String sampleDetail(String file) {
        return parse(readEvent(file)).path(0).path("Detail").asText();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client of moto in {@code region}, with moto's test credentials. */
    public static <B extends AwsClientBuilder<B, ?>> B client(B builder, URI endpoint, String region) {
        builder.endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }

    @Override
    public void close() {
        if (primary != null) {
            confluent.tableflowTopics().onGlueSync(primary::registerGlueTable);
        }
        for (AutoCloseable part : new AutoCloseable[] {iam, secrets, glue, dynamodb, events, sqs, logs, sfn, cloudwatch, lambda, aws, moto, confluent}) {
            if (primary != null && (part == aws || part == moto || part == confluent)) {
                continue; // the primary bed's, closed with it
            }
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("test bed: closing " + part.getClass().getSimpleName() + ": " + e);
            }
        }
    }
}
