package dev.tableflow.onboarding.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.testbed.TestBed;
import dev.tableflow.onboarding.testbed.lambda.FunctionSpec;
import dev.tableflow.onboarding.testbed.lambda.Invocation;
import dev.tableflow.onboarding.testbed.lambda.LocalLambdaService;
import dev.tableflow.onboarding.testbed.lambda.SamTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/**
 * Process launch to first response, per packaged function and for the framework floor, measured in the same run
 * with the same launcher: for each sample a fresh {@link LocalLambdaService} with that one function starts the JVM
 * the way Lambda's java21 runtime does (AWS's Runtime Interface Client, the runtime's JVM flags) and serves it one
 * event from a local Runtime API. The event is the one the function first received in the API-economy run, so the
 * sample includes the first invocation's real work (its lookups against the test bed, which by then hold every
 * resource, so nothing is created). Each sample of a function is paired with a sample of the floor taken just before
 * it, so that the ratio compares two JVMs started under the same load: these machines are shared, and absolute
 * times drift by tens of percent within minutes. Two floors: the bare one, and the same echo under the log format the
 * template gives every function, whose JSON formatter Lambda's runtime client loads before any application code.
 */
final class ColdStarts {

    static final String FLOOR = "Floor (bare Quarkus Lambda, echo)";
    static final String LOGGED_FLOOR = "Floor under the functions' log format";
    static final String PRIMED = ", primed at init";
    static final String OTHER = ", other build";
    private static final Pattern QUARKUS_STARTED = Pattern.compile("started in ([0-9]+\\.[0-9]+)s");

    /**
     * One cold start; {@code quarkusBoot} is what Quarkus itself logs as its start-up time, when it logs it;
     * {@code warm} is a second invocation of the same JVM, the work without the cold start (the test bed's answers
     * included); {@code floor} and {@code loggedFloor} are the floors' samples taken just before this one (null in the
     * floors' rows).
     */
    record Sample(Duration firstResponse, OptionalDouble quarkusBootMs, Duration warm, String error, Sample floor, Sample loggedFloor) {

        double ms() {
            return firstResponse.toNanos() / 1e6;
        }

        boolean succeeded() {
            return error == null;
        }

        Sample pairedWith(Sample floorSample, Sample loggedFloorSample) {
            return new Sample(firstResponse, quarkusBootMs, warm, error, floorSample, loggedFloorSample);
        }
    }

    /** Timing statistics leave failed samples out; {@link #failures()} counts them. */
    record Row(String function, List<Sample> samples) {
        double medianMs() {
            return median(succeeded().mapToDouble(Sample::ms).toArray());
        }

        /** The median of each sample's ratio to the bare floor's sample taken just before it. */
        double medianPairedRatio() {
            return medianPairedRatio(Sample::floor);
        }

        /** The same against the floor under the functions' log format. */
        double medianPairedRatioToLoggedFloor() {
            return medianPairedRatio(Sample::loggedFloor);
        }

        private double medianPairedRatio(Function<Sample, Sample> floorOf) {
            return median(succeeded().filter(s -> floorOf.apply(s) != null && floorOf.apply(s).succeeded())
                    .mapToDouble(s -> s.ms() / floorOf.apply(s).ms()).toArray());
        }

        private Stream<Sample> succeeded() {
            return samples.stream().filter(Sample::succeeded);
        }

        /** From Quarkus' "started" to the response: the JVM's own start plus the first invocation's work. */
        OptionalDouble medianAfterStartMs() {
            return medianOf(succeeded().filter(s -> s.quarkusBootMs().isPresent()).mapToDouble(s -> s.ms() - s.quarkusBootMs().getAsDouble()));
        }

        OptionalDouble medianWarmMs() {
            return medianOf(succeeded().filter(s -> s.warm() != null).mapToDouble(s -> s.warm().toNanos() / 1e6));
        }

        OptionalDouble medianQuarkusBootMs() {
            return medianOf(succeeded().filter(s -> s.quarkusBootMs().isPresent()).mapToDouble(s -> s.quarkusBootMs().getAsDouble()));
        }

        /** Empty where no sample has the figure (Quarkus did not log its start, the warm invocation failed). */
        private static OptionalDouble medianOf(DoubleStream values) {
            double[] all = values.toArray();
            return all.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(median(all));
        }

        long failures() {
            return samples.stream().filter(s -> s.error() != null).count();
        }
    }

    private final Path functionZip;
    private final Path floorZip;
    private Path otherZip;
    private List<String> otherFunctions = List.of();
    private final Map<String, String> environment;
    private final Map<String, String> primedEnvironment;
    private final Map<String, String> floorEnvironment;
    private final Map<String, String> loggedFloorEnvironment;
    private String loadBefore = "?";
    private String loadAfter = "?";

    /**
     * @param logFormat       the functions' {@code AWS_LAMBDA_LOG_FORMAT} (their LoggingConfig), for the second floor
     * @param javaToolOptions JAVA_TOOL_OPTIONS for every measured JVM, floor included; blank for none
     */
    ColdStarts(Path functionZip, Path floorZip, Map<String, String> environment, String logFormat, String javaToolOptions) {
        this.functionZip = functionZip;
        this.floorZip = floorZip;
        Map<String, String> extra = javaToolOptions.isBlank() ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", javaToolOptions);
        this.environment = new LinkedHashMap<>(environment);
        this.environment.putAll(extra);
        this.floorEnvironment = extra;
        this.loggedFloorEnvironment = new LinkedHashMap<>(extra);
        this.loggedFloorEnvironment.put(SamTemplate.LOG_FORMAT_VARIABLE, logFormat);
        // What a SnapStart snapshot would hold, for the part of the cold start it cannot: see SnapStartPriming.
        this.primedEnvironment = new LinkedHashMap<>(this.environment);
        this.primedEnvironment.put("JAVA_TOOL_OPTIONS", (javaToolOptions + " -Dsnapstart.prime-at-startup=true").strip());
    }

    /** Also measures {@code functions} from another build of the deployable (before and after a change, say). */
    ColdStarts compareWith(Path zip, List<String> functions) {
        this.otherZip = zip;
        this.otherFunctions = functions;
        return this;
    }

    /**
     * @param specs  the template's functions
     * @param events each function's first event, by logical id
     * @param floorEvent what the floor echoes
     * @param primed     functions to measure a second time with the SnapStart priming run during init
     */
    List<Row> measure(int rounds, Map<String, FunctionSpec> specs, Map<String, String> events, String floorEvent, List<String> primed) {
        FunctionSpec floor = FunctionSpec.of("FloorFunction", "Echo", Duration.ofSeconds(60));
        loadBefore = loadAverage();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        samples.put(FLOOR, new ArrayList<>());
        samples.put(LOGGED_FLOOR, new ArrayList<>());
        specs.keySet().stream().filter(events::containsKey).sorted().forEach(id -> samples.put(id, new ArrayList<>()));
        primed.stream().filter(events::containsKey).forEach(id -> samples.put(id + PRIMED, new ArrayList<>()));
        otherFunctions.stream().filter(events::containsKey).forEach(id -> samples.put(id + OTHER, new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("cold starts: round %d of %d%n", round, rounds);
            for (String label : List.copyOf(samples.keySet())) {
                if (!label.equals(FLOOR) && !label.equals(LOGGED_FLOOR)) {
                    Sample floorSample = sample(floorZip, floor, floorEnvironment, () -> floorEvent);
                    samples.get(FLOOR).add(floorSample);
                    Sample loggedFloorSample = sample(floorZip, floor, loggedFloorEnvironment, () -> floorEvent);
                    samples.get(LOGGED_FLOOR).add(loggedFloorSample.pairedWith(floorSample, null));
                    String id = label.replace(PRIMED, "").replace(OTHER, "");
                    samples.get(label).add(sample(label.endsWith(OTHER) ? otherZip : functionZip, specs.get(id),
                            label.endsWith(PRIMED) ? primedEnvironment : environment, () -> eventFor(id, events.get(id)))
                            .pairedWith(floorSample, loggedFloorSample));
                }
            }
        }
        loadAfter = loadAverage();
        List<Row> rows = new ArrayList<>();
        samples.forEach((function, list) -> rows.add(new Row(function, List.copyOf(list))));
        return rows;
    }

    /** @param event the event to send, asked for each of the two invocations */
    private static Sample sample(Path zip, FunctionSpec spec, Map<String, String> environment, Supplier<String> event) {
        try (LocalLambdaService lambda = LocalLambdaService.builder(zip).function(spec).environment(environment)
                .region(TestBed.REGION).initTimeout(Duration.ofSeconds(60)).start()) {
            Invocation first = lambda.invoke(spec.logicalId(), event.get());
            if (!first.coldStart()) {
                throw new IllegalStateException("the first invocation of a fresh " + spec.logicalId() + " was not a cold start");
            }
            Invocation again = lambda.invoke(spec.logicalId(), event.get());
            String log = lambda.logs(spec.logicalId());
            if (Boolean.getBoolean("bench.printLogs")) {
                System.out.println(log);
            }
            Matcher started = QUARKUS_STARTED.matcher(log);
            OptionalDouble boot = started.find() ? OptionalDouble.of(Double.parseDouble(started.group(1)) * 1000) : OptionalDouble.empty();
            return new Sample(first.duration(), boot, again.failed() ? null : again.duration(), first.failed() ? first.errorType() + ": " + first.errorMessage()
                    + " (log: " + lastLines(log, 3) + ")" : null, null, null);
        } finally {
            pause(); // let the killed JVM go before the next one starts
        }
    }

    /** The intake deduplicates requests; a fresh idempotency key per sample makes each replay start its own execution. */
    private static String eventFor(String function, String event) {
        if (!function.equals("StartOnboardingFunction")) {
            return event;
        }
        ObjectNode copy = (ObjectNode) TestBed.parse(event).deepCopy();
        ((ObjectNode) copy.path("detail")).put("requestId", "bench-cold-start-" + System.nanoTime());
        return copy.toString();
    }

    private static String lastLines(String log, int count) {
        List<String> lines = log.lines().filter(line -> !line.isBlank()).toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** The 1-, 5- and 15-minute load averages when the measurement began, and when it ended. */
    String loadAverages() {
        return loadBefore + " and " + loadAfter;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
