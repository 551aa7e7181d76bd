package dev.tableflow.onboarding.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tableflow.onboarding.build.FunctionZip;
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
 * times drift by tens of percent within minutes. Three floors: the bare one; the same echo under the log format the
 * template gives every function, whose JSON formatter Lambda's runtime client loads before any application code; and
 * that echo packed as the functions are too (library jars stored, {@link FunctionZip}), so that what is left between
 * it and a function is the application alone.
 */
final class ColdStarts {

    /**
     * A floor: the echo in {@code zip}, started under {@code environment}. {@code label} names its row,
     * {@code column} its ratio column, {@code against} the ratio in the summary.
     */
    record Floor(String label, String description, Path zip, Map<String, String> environment, String column, String against) {
    }

    static final String PRIMED = ", primed at init";
    static final String OTHER = ", other build";
    private static final Pattern QUARKUS_STARTED = Pattern.compile("started in ([0-9]+\\.[0-9]+)s");

    /**
     * One cold start; {@code quarkusBoot} is what Quarkus itself logs as its start-up time, when it logs it;
     * {@code warm} is a second invocation of the same JVM, the work without the cold start (the test bed's answers
     * included); {@code floors} are the samples of the {@link Floor}s taken just before this one (in a floor's row,
     * those of the floors before it).
     */
    record Sample(Duration firstResponse, OptionalDouble quarkusBootMs, Duration handled, Duration warm, String error, List<Sample> floors) {

        double ms() {
            return firstResponse.toNanos() / 1e6;
        }

        boolean succeeded() {
            return error == null;
        }

        /** From Quarkus' "started" to the response, where Quarkus logged its start. */
        OptionalDouble afterStartMs() {
            return succeeded() && quarkusBootMs.isPresent() ? OptionalDouble.of(ms() - quarkusBootMs.getAsDouble()) : OptionalDouble.empty();
        }

        /** The first invocation alone, as Lambda's REPORT line counts its Duration: the event handed over to the result. */
        OptionalDouble handledMs() {
            return succeeded() && handled != null ? OptionalDouble.of(handled.toNanos() / 1e6) : OptionalDouble.empty();
        }

        Sample pairedWith(List<Sample> floorSamples) {
            return new Sample(firstResponse, quarkusBootMs, handled, warm, error, List.copyOf(floorSamples));
        }
    }

    /** Timing statistics leave failed samples out; {@link #failures()} counts them. */
    record Row(String function, List<Sample> samples) {
        double medianMs() {
            return median(succeeded().mapToDouble(Sample::ms).toArray());
        }

        /** The median of each sample's ratio to the sample of the {@code floor}th floor taken just before it. */
        double medianPairedRatio(int floor) {
            return median(succeeded().filter(s -> s.floors().size() > floor && s.floors().get(floor).succeeded())
                    .mapToDouble(s -> s.ms() / s.floors().get(floor).ms()).toArray());
        }

        private Stream<Sample> succeeded() {
            return samples.stream().filter(Sample::succeeded);
        }

        /** From Quarkus' "started" to the response: the JVM's own start plus the first invocation's work. */
        OptionalDouble medianAfterStartMs() {
            return medianOf(succeeded().map(Sample::afterStartMs).filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble));
        }

        /** The median of each sample's after start over that of the {@code floor}th floor's sample taken just before it. */
        OptionalDouble medianPairedAfterStartRatio(int floor) {
            return medianOf(succeeded().filter(s -> s.floors().size() > floor && s.afterStartMs().isPresent() && s.floors().get(floor).afterStartMs().isPresent())
                    .mapToDouble(s -> s.afterStartMs().getAsDouble() / s.floors().get(floor).afterStartMs().getAsDouble()));
        }

        OptionalDouble medianHandledMs() {
            return medianOf(succeeded().map(Sample::handledMs).filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble));
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
    /** In the order they are sampled, each paired with those before it, and reported. */
    private final List<Floor> floors;
    private Path otherZip;
    private List<String> otherFunctions = List.of();
    private final Map<String, String> environment;
    private final Map<String, String> primedEnvironment;
    private String loadBefore = "?";
    private String loadAfter = "?";

    /**
     * @param logFormat       the functions' {@code AWS_LAMBDA_LOG_FORMAT} (their LoggingConfig), for the second and third floors
     * @param javaToolOptions JAVA_TOOL_OPTIONS for every measured JVM, floor included; blank for none
     */
    ColdStarts(Path functionZip, Path floorZip, Map<String, String> environment, String logFormat, String javaToolOptions) throws IOException {
        this.functionZip = functionZip;
        Path packedFloorZip = Files.createTempFile("floor-packed-", ".zip");
        packedFloorZip.toFile().deleteOnExit();
        FunctionZip.storeLibraryJars(floorZip, packedFloorZip);
        Map<String, String> extra = javaToolOptions.isBlank() ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", javaToolOptions);
        this.environment = new LinkedHashMap<>(environment);
        this.environment.putAll(extra);
        Map<String, String> logged = new LinkedHashMap<>(extra);
        logged.put(SamTemplate.LOG_FORMAT_VARIABLE, logFormat);
        this.floors = List.of(
                new Floor("Floor (bare Quarkus Lambda, echo)", "a bare Quarkus Lambda that returns its input", floorZip, extra,
                        "× floor", "the floor"),
                new Floor("Floor under the functions' log format", "the same echo under the log format the template gives every function",
                        floorZip, logged, "× floor, same log format", "the floor under the same log format"),
                new Floor("Floor under their log format and packaging", "that echo packed as the functions are too, its library jars stored "
                        + "uncompressed by `FunctionZip`", packedFloorZip, logged, "× floor, same log format and packaging",
                        "the floor under the same log format and packaging"));
        // What a SnapStart snapshot would hold, for the part of the cold start it cannot: see SnapStartPriming.
        this.primedEnvironment = new LinkedHashMap<>(this.environment);
        this.primedEnvironment.put("JAVA_TOOL_OPTIONS", (javaToolOptions + " -Druntime.prime-at-startup=true").strip());
    }

    /** The floors, in the order of the rows {@link #measure} returns first. */
    List<Floor> floors() {
        return floors;
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
        floors.forEach(f -> samples.put(f.label(), new ArrayList<>()));
        specs.keySet().stream().filter(events::containsKey).sorted().forEach(id -> samples.put(id, new ArrayList<>()));
        primed.stream().filter(events::containsKey).forEach(id -> samples.put(id + PRIMED, new ArrayList<>()));
        otherFunctions.stream().filter(events::containsKey).forEach(id -> samples.put(id + OTHER, new ArrayList<>()));
        // The other build primed too, where both lists name a function: a change to the priming is measured paired.
        otherFunctions.stream().filter(primed::contains).filter(events::containsKey)
                .forEach(id -> samples.put(id + PRIMED + OTHER, new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("cold starts: round %d of %d%n", round, rounds);
            for (String label : List.copyOf(samples.keySet())) {
                if (floors.stream().noneMatch(f -> f.label().equals(label))) {
                    List<Sample> floorSamples = new ArrayList<>();
                    for (Floor f : floors) {
                        Sample floorSample = sample(f.zip(), floor, f.environment(), () -> floorEvent).pairedWith(floorSamples);
                        samples.get(f.label()).add(floorSample);
                        floorSamples.add(floorSample);
                    }
                    String id = label.replace(PRIMED, "").replace(OTHER, "");
                    samples.get(label).add(sample(label.endsWith(OTHER) ? otherZip : functionZip, specs.get(id),
                            label.contains(PRIMED) ? primedEnvironment : environment, () -> eventFor(id, events.get(id)))
                            .pairedWith(floorSamples));
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
            return new Sample(first.duration(), boot, first.handled(), again.failed() ? null : again.duration(), first.failed() ? first.errorType() + ": " + first.errorMessage()
                    + " (log: " + lastLines(log, 3) + ")" : null, List.of());
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
