package dev.tableflow.onboarding.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tableflow.onboarding.aws.AwsApi;
import dev.tableflow.onboarding.config.RuntimeConfig;
import dev.tableflow.onboarding.confluent.ApiKeyClient;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.confluent.ClusterClient;
import dev.tableflow.onboarding.confluent.ConfluentHttp;
import dev.tableflow.onboarding.confluent.EndpointClients;
import dev.tableflow.onboarding.confluent.MetricsClient;
import dev.tableflow.onboarding.confluent.ProviderIntegrationClient;
import dev.tableflow.onboarding.confluent.TableflowClient;
import dev.tableflow.onboarding.observability.Observed;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.PreloadClassesRecorder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming. Lambda initialises a SnapStart version once, when it is published, and starts every execution
 * environment from a snapshot of it: whatever init loaded and built is free at every cold start after that, and
 * whatever it did not is paid by the first invocation after each restore. Lambda's java21 runtime calls this
 * resource (org.crac) just before it takes the snapshot, and only then, so a function started on demand (the same
 * package without SnapStart, or {@code $LATEST}) does none of this and answers its first event as early as it can.
 * <p>
 * Before the snapshot it loads and initialises the application's classes (the list Quarkus generates at build time;
 * Quarkus' own preloading is off in application.properties because it runs on every cold start, snapshot or not)
 * and those a primed first invocation still loaded on the test bed ({@link #INVOCATION_CLASS_LIST}), reads the
 * handlers' names, builds the Confluent clients, and binds every application record in both JSON mappers once
 * (reader and writer built and run on bytes, as an event arrives). Then it sends what a first invocation sends,
 * through the real code: an AWS JSON call and a Query call, signed with made-up keys, and a Confluent call with a
 * made-up key, all to a throwaway server on 127.0.0.1
 * ({@link LoopbackServer}), so the sockets, the HTTP client's request and answer handling, the signer and both
 * parsers are loaded and linked in the snapshot (AWS's "invoke priming", without touching a real resource). It also
 * prepares an HTTPS connection, unconnected, which builds the default TLS context.
 * <p>
 * It makes no call beyond the loopback: a connection open in the snapshot would be stale after the restore (the
 * loopback server closes each connection, and itself before the snapshot), and credentials must not be resolved
 * before it. Nothing unique is kept for later use: the one source of randomness in the snapshot is the JDK's
 * SecureRandom, which the TLS context holds, and AWS names {@code java.security.SecureRandom} among the runtime's
 * built-in generators to use for randomness under SnapStart ("Handling uniqueness with Lambda SnapStart",
 * https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html; unverified here, no JVM here snapshots).
 */
@ApplicationScoped
public class SnapStartPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);
    /** {@code AWS_LAMBDA_INITIALIZATION_TYPE} of the init that Lambda snapshots. */
    static final String SNAP_START = "snap-start";
    private static final String APPLICATION_PACKAGE = "dev.tableflow.onboarding.";
    /** Written at build time while {@code quarkus.snapstart.generate-application-class-list} is on (the default). */
    static final String CLASS_LIST = "META-INF/" + PreloadClassesRecorder.QUARKUS_GENERATED_PRELOAD_CLASSES_FILE;
    /**
     * Quarkus' file for the classes an application adds to that list (its SnapStart guide, "Class Preloading"): here,
     * what a primed first invocation still loaded on the test bed (the runtime's invocation classes, ArC's
     * interception, the JDK's keep-alive cache), as {@code bench/first-invocation-classes.sh} writes it; Powertools
     * for AWS Lambda (Java) primes from such a list the same way (its Priming.md).
     */
    static final String INVOCATION_CLASS_LIST = "META-INF/quarkus-preload-classes.txt";
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);
    private static final List<Class<?>> CONFLUENT_CLIENTS = List.of(TableflowClient.class, ProviderIntegrationClient.class,
            ApiKeyClient.class, dev.tableflow.onboarding.confluent.IamClient.class, ClusterClient.class, EndpointClients.class, MetricsClient.class);

    private final boolean atStartup;

    public SnapStartPriming(RuntimeConfig runtime) {
        this.atStartup = runtime.primeAtStartup();
    }

    void onStart(@Observes StartupEvent event) {
        if (atStartup) {
            prime();
        } else if (SNAP_START.equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            // The global context holds resources weakly; this bean lives as long as the application.
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to restore: no connection, credential or timestamp was kept from before the snapshot.
    }

    void prime() {
        long started = System.nanoTime();
        List<Class<?>> records = new ArrayList<>();
        int classes = preloadClasses(CLASS_LIST, records) + preloadClasses(INVOCATION_CLASS_LIST, records);
        ArcContainer container = Arc.container();
        int clients = 1; // AwsApi, warmed up below with the round trips
        for (Class<?> type : CONFLUENT_CLIENTS) {
            InstanceHandle<?> client = container.instance(type);
            if (client.isAvailable()) {
                client.get().toString(); // a client proxy passes toString() on, so the client behind it gets built
                clients++;
            }
        }
        int types = 0;
        for (ObjectMapper mapper : mappers(container)) {
            for (Class<?> type : records) {
                types += bind(mapper, type) ? 1 : 0;
            }
        }
        int roundTrips = roundTrips(container);
        LOG.infof("SnapStart priming: %d classes, %d clients, %d JSON mappings, %d loopback round trips in %d ms", classes, clients,
                types, roundTrips, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A first call's own work, through the real clients against a {@link LoopbackServer}: AWS's signed JSON and Query
     * calls and a Confluent call, each with made-up credentials, so nothing is resolved and nothing leaves the
     * machine. Returns how many requests the server answered; a failure is logged, and the snapshot is taken anyway.
     */
    private static int roundTrips(ArcContainer container) {
        try (LoopbackServer loopback = new LoopbackServer()) {
            try {
                container.instance(AwsApi.class).get().warmUp(loopback.uri(), LoopbackServer.XML_PATH);
                ConfluentHttp confluent = container.instance(ConfluentHttp.class).get();
                confluent.post(loopback.uri(), "/priming/{}", "topic").authorization(new ApiKeyCredentials("priming", "priming").basicAuthorization())
                        .query("environment", "env-priming").body(Map.of("priming", true)).read(JsonNode.class);
            } catch (RuntimeException failed) {
                LOG.warnf("priming: a loopback round trip failed, so a first call after the restore pays for it: %s", failed);
            }
            return loopback.answered();
        } catch (IOException e) {
            LOG.warnf("priming: no loopback server, so a first call after the restore pays for its client: %s", e);
            return 0;
        }
    }

    /**
     * Builds {@code type}'s reader and writer in {@code mapper} and runs them once, on an empty object: a first
     * binding resolves the record's constructor and accessors and spins the method handles that call them, which
     * building the reader alone leaves to the first event. Returns whether the type is mapped as JSON at all.
     */
    private static boolean bind(ObjectMapper mapper, Class<?> type) {
        ObjectReader reader;
        ObjectWriter writer;
        try {
            reader = mapper.readerFor(type);
            writer = mapper.writerFor(type);
        } catch (RuntimeException notMappable) {
            LOG.debugf("priming: %s is not mapped as JSON: %s", type.getName(), notMappable);
            return false;
        }
        try {
            // As the Lambda extension reads an event and writes a result: bytes, not a String, whose parser differs.
            writer.writeValue(OutputStream.nullOutputStream(), reader.readValue(new ByteArrayInputStream(EMPTY_OBJECT)));
        } catch (IOException | RuntimeException refused) {
            // A record that refuses empty fields: its binding ran as far as its constructor, which is what counts.
            LOG.tracef("priming: %s refuses an empty object: %s", type.getName(), refused);
        }
        return true;
    }

    /**
     * Loads and initialises the classes {@code resource} lists, adding the application's records (the JSON shapes) to
     * {@code records}, and reads each handler's name as {@link dev.tableflow.onboarding.observability.StepObserver}
     * does at every invocation (a first read parses the annotations and builds their proxy classes); returns how many
     * classes it loaded.
     */
    private static int preloadClasses(String resource, List<Class<?>> records) {
        ClassLoader loader = SnapStartPriming.class.getClassLoader();
        int loaded = 0;
        try (InputStream list = loader.getResourceAsStream(resource)) {
            if (list == null) {
                LOG.warnf("priming: %s is missing; its classes load after the restore instead", resource);
                return 0;
            }
            for (String name : classNames(list)) {
                try {
                    Class<?> type = Class.forName(name, true, loader);
                    loaded++;
                    if (type.isRecord() && name.startsWith(APPLICATION_PACKAGE)) {
                        records.add(type);
                    }
                    if (type.isAnnotationPresent(Observed.class) && type.getAnnotation(Named.class) instanceof Named named) {
                        named.value();
                    }
                } catch (ClassNotFoundException | LinkageError unloadable) {
                    LOG.debugf("priming: cannot preload %s: %s", name, unloadable);
                }
            }
        } catch (IOException e) {
            LOG.warnf("priming: cannot read %s: %s", resource, e);
        }
        return loaded;
    }

    /** The class names in a list file: one a line, blank lines and {@code #} comments left out. */
    static List<String> classNames(InputStream list) {
        return new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8)).lines()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** The Confluent clients' mapper (Quarkus'), and the one the Lambda extension reads events and writes results with. */
    private static List<ObjectMapper> mappers(ArcContainer container) {
        List<ObjectMapper> mappers = new ArrayList<>();
        InstanceHandle<ObjectMapper> quarkus = container.instance(ObjectMapper.class);
        if (quarkus.isAvailable()) {
            mappers.add(quarkus.get());
        }
        if (AmazonLambdaMapperRecorder.objectMapper != null) {
            mappers.add(AmazonLambdaMapperRecorder.objectMapper);
        }
        return mappers;
    }
}
