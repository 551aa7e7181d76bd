package dev.tableflow.onboarding.testbed.confluent;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A stateful stand-in for {@code https://api.confluent.cloud} (plus a Kafka cluster's REST endpoint and a Schema
 * Registry) that behaves like Confluent's published OpenAPI contracts and checks every exchange against them.
 * <pre>{@code
 * try (var cc = ConfluentCloudTestServer.start()) {
 *     client = new ConfluentClient(cc.baseUrl(), cc.cloudApiKey(), cc.cloudApiSecret());
 *     ...
 *     cc.assertNoContractViolations();
 * }
 * }</pre>
 * Validation needs the contracts at {@code ../shared/confluent-openapi} (or {@code -Dconfluent.openapi.dir}); without
 * them the server works the same, unvalidated ({@link #specsAvailable()}).
 */
public final class ConfluentCloudTestServer implements AutoCloseable {
    public static final String SPEC_DIR_PROPERTY = "confluent.openapi.dir";
    static final Path DEFAULT_SPEC_DIR = Path.of("../shared/confluent-openapi");

    private final CloudContext ctx;
    private final HttpServer http;
    private final ExecutorService executor;
    private final Faults faults = new Faults();
    private final ResponseHooks hooks = new ResponseHooks();
    private final RequestLog log = new RequestLog();
    private final ContractValidator contracts;
    private final String serviceAccountId;
    private final List<MockApi> apis;
    private final ServiceAccountsApi serviceAccounts;
    private final ApiKeysApi apiKeys;
    private final ProviderIntegrationsApi providerIntegrations;
    private final RoleBindingsApi roleBindings;
    private final CatalogIntegrationsApi catalogIntegrations;
    private final TableflowTopicsApi tableflowTopics;
    private final KafkaRestApi kafka;
    private final SchemaRegistryApi schemaRegistry;
    private final ClustersApi clusters;
    private final MetricsApi metrics;

    private ConfluentCloudTestServer(Builder b) throws IOException {
        ctx = new CloudContext(b.seed, b.defaultPageSize);
        contracts = new ContractValidator(b.validate ? b.specDir : null);
        Map<String, String> seededAccounts = new LinkedHashMap<>();
        serviceAccountId = ctx.newId("sa");
        seededAccounts.put(serviceAccountId, "tableflow-onboarding");
        seededAccounts.putAll(b.extraServiceAccounts);

        serviceAccounts = new ServiceAccountsApi(ctx, seededAccounts);
        apiKeys = new ApiKeysApi(ctx, serviceAccounts, serviceAccountId, b.requestsUntilKeyWorks);
        providerIntegrations = new ProviderIntegrationsApi(ctx);
        roleBindings = new RoleBindingsApi(ctx, serviceAccounts, serviceAccountId);
        catalogIntegrations = new CatalogIntegrationsApi(ctx, providerIntegrations, b.getsUntilCatalogConnected);
        kafka = new KafkaRestApi(ctx);
        tableflowTopics = new TableflowTopicsApi(ctx, kafka, providerIntegrations, catalogIntegrations, roleBindings, b.getsUntilTopicRunning);
        schemaRegistry = new SchemaRegistryApi(ctx);
        clusters = new ClustersApi(ctx);
        metrics = new MetricsApi(ctx, roleBindings, serviceAccountId);
        apis = List.of(serviceAccounts, apiKeys, providerIntegrations, roleBindings, catalogIntegrations,
                new TableflowRegionsApi(ctx), tableflowTopics, kafka, schemaRegistry, clusters, metrics);

        Router router = new Router();
        apis.forEach(api -> api.register(router));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", new Dispatcher(ctx, router, new Authenticator(apiKeys, ctx), faults, hooks, log, contracts));
        executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        http.start();
        ctx.baseUrl("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** A server with default settings. */
    public static ConfluentCloudTestServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- where and who ----------------------------------------------------------------------------------------

    /** Stands in for {@code https://api.confluent.cloud}; no trailing slash. */
    public String baseUrl() {
        return ctx.baseUrl();
    }

    public String cloudApiKey() {
        return apiKeys.cloudKey().key();
    }

    public String cloudApiSecret() {
        return apiKeys.cloudKey().secret();
    }

    public String organizationId() {
        return ctx.organizationId;
    }

    /** The seeded environment ({@code env-…}); other environment ids are accepted too and start empty. */
    public String environmentId() {
        return ctx.environmentId;
    }

    public String kafkaClusterId() {
        return ctx.firstKafkaClusterId();
    }

    public String schemaRegistryClusterId() {
        return ctx.schemaRegistryClusterId;
    }

    /** The Kafka cluster's REST endpoint ({@code cmk/v2 spec.http_endpoint}): this server. */
    public String kafkaRestUrl() {
        return ctx.baseUrl();
    }

    /** The Schema Registry endpoint ({@code srcm/v3 spec.http_endpoint}): this server's {@code /sr} mount. */
    public String schemaRegistryUrl() {
        return clusters.schemaRegistryUrl();
    }

    /** The seeded service account that owns the Cloud API key. */
    public String serviceAccountId() {
        return serviceAccountId;
    }

    /** The AWS account Confluent's provider-integration roles ({@code iam_role_arn}) belong to. */
    public String confluentAwsAccountId() {
        return ctx.confluentAwsAccountId;
    }

    /** Whether requests and responses are being checked against the OpenAPI contracts. */
    public boolean specsAvailable() {
        return contracts.enabled();
    }

    /** Why {@code family}'s contract is not checked (validation off, or its spec file missing), empty when it is. */
    Optional<String> contractValidationProblem(ApiFamily family) {
        return Optional.ofNullable(contracts.problem(family));
    }

    // ---- scenario control and observation ----------------------------------------------------------------------

    public Faults faults() {
        return faults;
    }

    /** Actions between a request taking effect and its answer being sent (crash points). */
    public ResponseHooks hooks() {
        return hooks;
    }

    public RequestLog requests() {
        return log;
    }

    /** Accepted POST/PUT/PATCH/DELETE requests. */
    public long writes() {
        return log.writes();
    }

    public long writes(String pathPrefix) {
        return log.writes(pathPrefix);
    }

    /** Successful non-mutating requests. */
    public long reads() {
        return log.reads();
    }

    public long reads(String pathPrefix) {
        return log.reads(pathPrefix);
    }

    public List<ContractViolation> contractViolations() {
        return contracts.violations();
    }

    public void assertNoContractViolations() {
        List<ContractViolation> violations = contracts.violations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " Confluent contract violation(s):\n"
                    + violations.stream().map(ContractViolation::toString).collect(Collectors.joining("\n")));
        }
    }

    /** Page size used when a list request sends none (Confluent's is 10; ours is smaller so paging gets exercised). */
    public void defaultPageSize(int size) {
        synchronized (ctx) {
            ctx.defaultPageSize(size);
        }
    }

    /**
     * Forgets everything clients and tests did: resources, faults, hooks, request log, violations and knobs set through
     * the accessors. The seeded organization, Cloud API key and service accounts stay.
     */
    public void reset() {
        synchronized (ctx) {
            apis.forEach(MockApi::reset);
            ctx.resetSettings();
        }
        faults.clear();
        hooks.clear();
        log.clear();
        contracts.clear();
    }

    // ---- per-API state ---------------------------------------------------------------------------------------

    public ProviderIntegrationsApi providerIntegrations() {
        return providerIntegrations;
    }

    public ApiKeysApi apiKeys() {
        return apiKeys;
    }

    public ServiceAccountsApi serviceAccounts() {
        return serviceAccounts;
    }

    public RoleBindingsApi roleBindings() {
        return roleBindings;
    }

    public CatalogIntegrationsApi catalogIntegrations() {
        return catalogIntegrations;
    }

    public TableflowTopicsApi tableflowTopics() {
        return tableflowTopics;
    }

    public KafkaRestApi kafka() {
        return kafka;
    }

    public SchemaRegistryApi schemaRegistry() {
        return schemaRegistry;
    }

    public ClustersApi clusters() {
        return clusters;
    }

    /** The Metrics API, which Confluent serves on {@code api.telemetry.confluent.cloud}: here at {@link #baseUrl()} too. */
    public MetricsApi metrics() {
        return metrics;
    }

    /** A TableFlow API key owned by the seeded service account that works immediately. */
    public ApiKeysApi.Credentials createTableflowApiKey() {
        return apiKeys.seed(serviceAccountId, ApiKeysApi.TABLEFLOW_RESOURCE);
    }

    /** A Kafka API key for the seeded cluster that works immediately. */
    public ApiKeysApi.Credentials createKafkaApiKey() {
        return apiKeys.seed(serviceAccountId, kafkaClusterId());
    }

    /** A Schema Registry API key that works immediately. */
    public ApiKeysApi.Credentials createSchemaRegistryApiKey() {
        return apiKeys.seed(serviceAccountId, schemaRegistryClusterId());
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    /** Settings fixed for the server's life; {@link #reset()} returns to them. */
    public static final class Builder {
        private long seed = 20_260_101L;
        private int defaultPageSize = 3;
        private int requestsUntilKeyWorks = 1;
        private int getsUntilCatalogConnected = 2;
        private int getsUntilTopicRunning = 2;
        private boolean validate = true;
        private Path specDir = System.getProperty(SPEC_DIR_PROPERTY) != null
                ? Path.of(System.getProperty(SPEC_DIR_PROPERTY)) : DEFAULT_SPEC_DIR;
        private final Map<String, String> extraServiceAccounts = new LinkedHashMap<>();

        private Builder() {
        }

        /** Seeds ids and secrets, so two servers with the same seed hand out the same values. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder defaultPageSize(int size) {
            this.defaultPageSize = size;
            return this;
        }

        public Builder requestsUntilKeyWorks(int requests) {
            this.requestsUntilKeyWorks = requests;
            return this;
        }

        public Builder getsUntilCatalogConnected(int gets) {
            this.getsUntilCatalogConnected = gets;
            return this;
        }

        public Builder getsUntilTopicRunning(int gets) {
            this.getsUntilTopicRunning = gets;
            return this;
        }

        public Builder specDir(Path dir) {
            this.specDir = dir;
            return this;
        }

        /** Turns contract validation off even when the specs are present. */
        public Builder withoutContractValidation() {
            this.validate = false;
            return this;
        }

        public Builder serviceAccount(String id, String displayName) {
            extraServiceAccounts.put(id, displayName);
            return this;
        }

        public ConfluentCloudTestServer start() {
            try {
                return new ConfluentCloudTestServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
