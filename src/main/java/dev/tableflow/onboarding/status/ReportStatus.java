package dev.tableflow.onboarding.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.aws.AwsCalls;
import dev.tableflow.onboarding.aws.EventBus;
import dev.tableflow.onboarding.aws.GlueCatalog;
import dev.tableflow.onboarding.aws.IamRoles;
import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.aws.TopicRegistry;
import dev.tableflow.onboarding.aws.TrustPolicy;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.EndpointClients;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.confluent.model.CatalogIntegration;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.confluent.model.TableflowTopic;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.StepException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Endpoints;
import dev.tableflow.onboarding.steps.Integrations;
import dev.tableflow.onboarding.steps.ManagedTopics;
import dev.tableflow.onboarding.steps.PublishOutcome;
import dev.tableflow.onboarding.steps.ResourceOwnerBinding;
import dev.tableflow.onboarding.steps.onboarding.CheckTableflowTopic;
import dev.tableflow.onboarding.steps.ServiceAccountRoles;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Status and diagnostics of the environment, read-only: every resource the bootstrap and the onboarding create,
 * whether it exists and works, and for each problem the runbook's troubleshooting case and the fix. Invoked
 * directly it answers with the report; on a {@code TableflowStatusRequested} event it also publishes the report
 * as {@code TableflowStatusReported} on the project's bus. The bootstrap's scheduled check mode runs it with
 * {@code detectDrift}: problems are then published as {@code TableflowDriftDetected} before the bootstrap repairs them.
 * The record of managed topics is listed and held against TableFlow ({@link RecordCheck}).
 */
@ApplicationScoped
public class ReportStatus {

    public static final String STEP = "ReportStatus";
    public static final String REQUESTED = "TableflowStatusRequested";
    public static final String REPORTED = "TableflowStatusReported";
    public static final String DRIFT_DETECTED = "TableflowDriftDetected";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(@JsonProperty("detail-type") String detailType, boolean detectDrift, Invocation invocation) implements Invocation.Carrier {}

    /**
     * @param suspended TableFlow paused the topic; {@code error} then holds Confluent's cause
     * @param writeMode APPEND or UPSERT, fixed by the topic's cleanup.policy while TableFlow is enabled
     */
    public record Topic(String name, String phase, String glueSync, String error, boolean suspended, String writeMode) {}

    /**
     * {@code bootstrapHealthy} covers what the bootstrap owns and can repair; the Kafka and Schema Registry keys and the
     * topics belong to onboarding (before the first onboarding they do not exist yet, which is not drift).
     */
    public record Output(String environment, boolean healthy, boolean bootstrapHealthy, List<Check> checks, List<Topic> topics,
            List<GlueCheck.Table> glueTables, List<TopicRegistry.Entry> managedTopics) {}

    static final Set<String> BOOTSTRAP_CHECKS = Set.of("provider integration", "role binding", "TableFlow API key", "catalog integration",
            "trust policy");

    static final String ROLES = "service account roles";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnvironmentSettings settings;
    private final ConfluentCalls calls;
    private final Integrations integrations;
    private final TableflowClient tableflow;
    private final EndpointClients clients;
    private final Endpoints endpoints;
    private final SecretStore secrets;
    private final IamRoles iam;
    private final GlueCatalog glue;
    private final EventBus events;
    private final ResourceOwnerBinding binding;
    private final ServiceAccountRoles roles;
    private final ManagedTopics managed;

    public ReportStatus(EnvironmentSettings settings, ConfluentCalls calls, Integrations integrations,
            TableflowClient tableflow, EndpointClients clients, Endpoints endpoints, SecretStore secrets, IamRoles iam,
            GlueCatalog glue, EventBus events, ResourceOwnerBinding binding, ServiceAccountRoles roles, ManagedTopics managed) {
        this.settings = settings;
        this.calls = calls;
        this.integrations = integrations;
        this.tableflow = tableflow;
        this.clients = clients;
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.iam = iam;
        this.glue = glue;
        this.events = events;
        this.binding = binding;
        this.roles = roles;
        this.managed = managed;
    }

    public Output run(Input input) {
        StepContext context = new StepContext(STEP, "environment " + settings.config().environmentName());
        List<Check> checks = new ArrayList<>();
        String cluster = settings.config().kafkaClusterId();

        Optional<ProviderIntegration> integration = probe(checks, "provider integration", Troubleshooting.PROVIDER_INTEGRATION,
                () -> integrations.provider(context));
        integration.ifPresentOrElse(found -> checks.add(settings.config().customerRoleArn().equals(found.config().customerIamRoleArn())
                        ? Check.ok("provider integration", found.id() + " for " + found.config().customerIamRoleArn())
                        : Check.problem("provider integration", found.id() + " is for " + found.config().customerIamRoleArn() + ", not "
                                + settings.config().customerRoleArn(), Troubleshooting.PROVIDER_INTEGRATION)),
                () -> checks.add(Check.problem("provider integration", settings.providerIntegrationName() + " not found", Troubleshooting.PROVIDER_INTEGRATION)));
        integration.ifPresent(found -> checks.add(roleBinding(context, found)));
        checks.add(serviceAccountRoles(context));

        Optional<String> tableflowAuth = key(context, checks, "TableFlow API key", settings.tableflowApiKeySecret(),
                auth -> tableflow.regions(auth, 1));
        Optional<CatalogIntegration> catalog = tableflowAuth.flatMap(auth -> probe(checks, "catalog integration", Troubleshooting.CATALOG_ACCESS,
                () -> integrations.catalog(context, auth)));
        Optional<List<TableflowTopic>> listed = tableflowAuth.flatMap(auth -> probe(checks, "TableFlow topics", Troubleshooting.CATALOG_ACCESS,
                () -> Optional.of(calls.readAll(context, token -> tableflow.tableflowTopics(auth, settings.config().confluentEnvironmentId(),
                        settings.config().kafkaClusterId(), ConfluentCalls.PAGE_SIZE, token)))));
        if (tableflowAuth.isPresent()) {
            checks.add(catalog.map(found -> catalogCheck(found, listed))
                    .orElse(Check.problem("catalog integration", settings.catalogIntegrationName() + " not found", Troubleshooting.CATALOG_ACCESS)));
        }
        integration.ifPresent(found -> checks.add(trust(context, found)));

        probe(checks, "Kafka REST endpoint", Troubleshooting.KEY_PERMISSIONS, () -> Optional.of(endpoints.kafkaRest(context, endpoints.kafkaCluster(context))))
                .ifPresent(rest -> key(context, checks, "Kafka API key", settings.kafkaApiKeySecret(), auth -> clients.kafkaRest(rest).list(auth, cluster)));
        probe(checks, "Schema Registry", Troubleshooting.KEY_PERMISSIONS, () -> Optional.of(endpoints.schemaRegistry(context).endpoint()))
                .ifPresent(registry -> key(context, checks, "Schema Registry API key", settings.schemaRegistryApiKeySecret(),
                        auth -> clients.schemaRegistry(registry).subjects(auth)));

        List<Topic> topics = listed.map(all -> topics(checks, all)).orElse(List.of());
        List<TopicRegistry.Entry> record = probe(checks, RecordCheck.NAME, Troubleshooting.MANAGED_TOPICS, () -> Optional.of(managed.all(context)))
                .orElse(List.of());
        // Compared only when both sides could be read: an unreadable side is its own problem line already.
        integration.filter(found -> listed.isPresent() && checks.stream().noneMatch(c -> c.name().equals(RecordCheck.NAME)))
                .ifPresent(found -> checks.addAll(RecordCheck.compare(record, listed.get(), found.id())));
        List<GlueCheck.Table> tables = glueTables(context, checks, settings.glueDatabase(), listed.map(all -> topics));
        Output report = new Output(settings.config().environmentName(), checks.stream().allMatch(Check::ok),
                checks.stream().filter(c -> BOOTSTRAP_CHECKS.contains(c.name())).allMatch(Check::ok), checks, topics, tables, record);
        if (REQUESTED.equals(input.detailType())) {
            publish(context, REPORTED, report);
        } else if (input.detectDrift() && (!report.bootstrapHealthy() || topics.stream().anyMatch(Topic::suspended))) {
            // A suspended topic stays paused until someone resumes it: the scheduled check says so, with its cause.
            publish(context, DRIFT_DETECTED, report);
        }
        return report;
    }

    /** A key is healthy when its secret is stored and Confluent accepts it; returns its Authorization header then. */
    private Optional<String> key(StepContext context, List<Check> checks, String name, String secretName, Function<String, Object> call) {
        Optional<SecretStore.Lookup> lookup = probe(checks, name, Troubleshooting.KEY_PERMISSIONS, () -> Optional.of(secrets.lookup(context, secretName)));
        if (lookup.isEmpty()) {
            return Optional.empty(); // the probe reported why
        }
        Optional<ApiKeyCredentials> stored = lookup.get().key();
        if (stored.isEmpty()) {
            // A secret holding the template's placeholder (never filled, or emptied by a teardown) is as good as none.
            checks.add(Check.problem(name, "secret " + secretName + (lookup.get().exists() ? " holds no key" : " is not in Secrets Manager"),
                    Troubleshooting.KEY_PERMISSIONS));
            return Optional.empty();
        }
        String auth = stored.get().basicAuthorization();
        Optional<Object> answered = probe(checks, name, Troubleshooting.KEY_PERMISSIONS, () -> Optional.of(calls.read(context, () -> call.apply(auth))));
        answered.ifPresent(ok -> checks.add(Check.ok(name, stored.get().key() + " stored and accepted")));
        return answered.map(ok -> auth);
    }

    /** Without it the catalog integration cannot use the provider integration (EnsureRoleBinding). */
    private Check roleBinding(StepContext context, ProviderIntegration integration) {
        String granted = ResourceOwnerBinding.ROLE + " for " + binding.principal() + " on " + integration.id();
        try {
            return binding.find(context, binding.crnPattern(context, integration.id()))
                    .map(found -> Check.ok("role binding", found.id() + ": " + granted))
                    .orElse(Check.problem("role binding", "no " + granted, Troubleshooting.PROVIDER_INTEGRATION));
        } catch (StepException e) {
            return Check.problem("role binding", e.getMessage(), Troubleshooting.PROVIDER_INTEGRATION);
        }
    }

    /** The roles TableFlow needs that the operator grants; not the bootstrap's to repair, so no drift. */
    private Check serviceAccountRoles(StepContext context) {
        try {
            List<ServiceAccountRoles.Required> missing = roles.missing(context, endpoints.schemaRegistry(context).clusterId());
            return missing.isEmpty()
                    ? Check.ok(ROLES, binding.principal() + " holds " + ServiceAccountRoles.CLUSTER_ROLE + " and " + ServiceAccountRoles.SUBJECTS_ROLE
                            + " (or EnvironmentAdmin)")
                    : Check.problem(ROLES, ServiceAccountRoles.describe(binding.principal(), missing), Troubleshooting.SERVICE_ACCOUNT_ROLES);
        } catch (StepException e) {
            return Check.problem(ROLES, e.getMessage(), Troubleshooting.SERVICE_ACCOUNT_ROLES);
        }
    }

    private Check trust(StepContext context, ProviderIntegration integration) {
        String role = settings.config().customerRoleArn();
        try {
            String document = AwsCalls.call(context, () -> iam.trustPolicy(role));
            boolean exact = TrustPolicy.parse(document)
                    .with(TrustPolicy.statement(settings.trustStatementSid(), integration.config().iamRoleArn(), integration.config().externalId()))
                    .isEmpty();
            return exact
                    ? Check.ok("trust policy", role + " trusts " + integration.config().iamRoleArn() + " with the external id")
                    : Check.problem("trust policy", role + " lacks the exact statement " + settings.trustStatementSid() + " for "
                            + integration.config().iamRoleArn(), Troubleshooting.CROSS_ACCOUNT);
        } catch (StepException | IllegalArgumentException e) {
            return Check.problem("trust policy", e.getMessage(), Troubleshooting.CROSS_ACCOUNT);
        }
    }

    /**
     * CONNECTED is healthy, and so is PENDING while no topic of the cluster has TableFlow: Confluent syncs a catalog only
     * once a topic is materialized, so the drift check must not take a fresh environment's integration for drift.
     */
    private static Check catalogCheck(CatalogIntegration found, Optional<List<TableflowTopic>> topics) {
        if (CatalogIntegration.CONNECTED.equals(found.phase())) {
            return Check.ok("catalog integration", found.id() + " CONNECTED");
        }
        if (topics.isPresent() && found.pendingUntilFirstTopic(!topics.get().isEmpty())) {
            return Check.ok("catalog integration", found.id() + " " + CatalogIntegration.CONNECTS_WITH_FIRST_TOPIC);
        }
        return Check.problem("catalog integration", found.id() + " " + found.phase()
                + Optional.ofNullable(found.status().errorMessage()).map(m -> ": " + m).orElse(""), Troubleshooting.CATALOG_ACCESS);
    }

    private static List<Topic> topics(List<Check> checks, List<TableflowTopic> all) {
        List<Topic> topics = new ArrayList<>();
        for (TableflowTopic topic : all) {
            TableflowTopic.Status status = Optional.ofNullable(topic.status()).orElse(TableflowTopic.Status.NONE);
            Optional<TableflowTopic.CatalogSync> sync = Optional.ofNullable(status.catalogSyncStatuses()).orElse(List.of()).stream()
                    .filter(s -> TableflowTopic.AWS_GLUE.equals(s.catalogType())).findFirst();
            String error = status.errorMessage() != null ? status.errorMessage() : sync.map(TableflowTopic.CatalogSync::errorMessage).orElse(null);
            Topic line = new Topic(topic.spec().displayName(), status.phase(), sync.map(TableflowTopic.CatalogSync::syncStatus).orElse(null), error,
                    topic.isSuspended(), status.writeMode());
            topics.add(line);
            if (line.suspended()) {
                checks.add(Check.problem("TableFlow topic " + line.name(), CheckTableflowTopic.suspended(error), Troubleshooting.SUSPENDED_TOPIC));
            } else if (TableflowTopic.FAILED.equals(line.phase()) || TableflowTopic.FAILED.equals(line.glueSync())) {
                checks.add(Check.problem("TableFlow topic " + line.name(), line.phase() + ", Glue sync " + line.glueSync() + ": " + error,
                        Troubleshooting.CATALOG_ACCESS));
            }
        }
        return topics;
    }

    /**
     * The tables TableFlow registered, in its Glue database (GlueDatabaseName, else named after the Kafka cluster), held against the cluster's
     * TableFlow topics when those could be read ({@link GlueCheck}).
     */
    private List<GlueCheck.Table> glueTables(StepContext context, List<Check> checks, String database, Optional<List<Topic>> topics) {
        try {
            // Empty while no topic has synced: TableFlow creates the database with the first table.
            List<GlueCatalog.Table> tables = AwsCalls.call(context, () -> glue.tables(database));
            topics.ifPresent(all -> checks.addAll(GlueCheck.compare(database, tables, all)));
            return GlueCheck.listed(database, tables);
        } catch (StepException e) {
            checks.add(Check.problem(GlueCheck.name(database), e.getMessage(), Troubleshooting.CATALOG_ACCESS));
            return List.of();
        }
    }

    private void publish(StepContext context, String detailType, Output report) {
        String bus = settings.eventBusName(context);
        String detail = JSON.valueToTree(report).toString();
        AwsCalls.call(context, () -> events.put(bus, PublishOutcome.SOURCE, detailType, detail));
    }

    /** Runs one look-up; a failure becomes a problem line instead of failing the whole report. */
    private static <T> Optional<T> probe(List<Check> checks, String name, Troubleshooting cause, Supplier<Optional<T>> lookUp) {
        try {
            return lookUp.get();
        } catch (StepException e) {
            checks.add(Check.problem(name, e.getMessage(), cause));
            return Optional.empty();
        }
    }
}
