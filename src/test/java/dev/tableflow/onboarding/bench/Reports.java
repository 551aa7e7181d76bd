package dev.tableflow.onboarding.bench;

import dev.tableflow.onboarding.bench.ApiEconomy.Calls;
import dev.tableflow.onboarding.bench.ApiEconomy.Phase;
import dev.tableflow.onboarding.testbed.sfn.ExecutionResult;
import dev.tableflow.onboarding.testbed.sfn.TaskState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.tableflow.onboarding.bench.Markdown.dollars;
import static dev.tableflow.onboarding.bench.Markdown.fixed;
import static dev.tableflow.onboarding.bench.Markdown.ms;

/** Turns each section's measurements into the report's tables. */
final class Reports {

    private Reports() {}

    static void machine(Markdown report) {
        report.heading("Machine");
        report.paragraph("%s; %d cores (nproc), %s memory; %s %s (%s); %s %s; run at %s. The machine is shared: "
                        + "other jobs ran beside this one (load averages are given with the cold starts).", cpuModel(),
                Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.home"),
                System.getProperty("os.name"), System.getProperty("os.version"), Instant.now());
    }

    static void packages(Markdown report, PackageSizes.Package app, PackageSizes.Package floor) {
        report.heading("Package size");
        List<List<String>> rows = new ArrayList<>();
        for (PackageSizes.Package p : List.of(app, floor)) {
            rows.add(List.of(p.zip().toString(), Long.toString(p.bytes()), fixed(p.megabytes(), 1), fixed(p.mebibytes(), 1),
                    Integer.toString(p.entries()), p.bytes() <= PackageSizes.TARGET_BYTES ? "yes" : "**no**"));
        }
        report.table(List.of("zip", "bytes", "MB", "MiB", "entries", "≤ 20 MB"), rows);
        long sdk = app.weightOf("awssdk.glue-", "awssdk.iam-", "awssdk.eventbridge-", "awssdk.sfn-", "awssdk.secretsmanager-");
        report.paragraph("AWS SDK service models (glue, iam, eventbridge, sfn, secretsmanager jars): %s MB of %s MB.",
                fixed(sdk / 1e6, 1), fixed(app.megabytes(), 1));
        report.table(List.of("largest entries of " + app.zip().getFileName(), "compressed bytes"), app.largest().stream().limit(15)
                .map(e -> List.of(e.name(), Long.toString(e.compressedBytes()))).toList());
    }

    static void economy(Markdown report, List<Phase> phases) {
        report.heading("API economy and cost");
        report.paragraph("Calls are writes / reads / polls. Cost at list prices: $0.025 per 1,000 state transitions "
                        + "(Standard), $0.0000166667 per GB-second (x86) and $0.20 per million Lambda requests, at %d MB. "
                        + "\"Local\" bills each invocation's duration measured here (first runs include every function's cold "
                        + "start); \"est.\" adds %d ms per HTTP call, nearer Confluent Cloud's and AWS's real latency.",
                phases.getFirst().memoryMb(), ApiEconomy.ASSUMED_CALL_MS);
        List<List<String>> rows = new ArrayList<>();
        for (Phase phase : phases) {
            rows.add(row(phase.name(), phase));
            Phase perTopic = perTopic(phase);
            if (perTopic != null) {
                rows.add(row("… of which the topic's own Map iteration", perTopic));
            }
        }
        report.table(List.of("scenario", "Confluent W / R / P", "AWS W / R / P", "failed calls", "Lambda invocations",
                "state transitions", "Lambda ms (local)", "cost (local)", "cost (est.)"), rows);
        phases.stream().filter(p -> p.unattributed() != 0).forEach(p -> report.paragraph(
                "%s: %d calls were made outside any function invocation.", p.name(), p.unattributed()));
        for (Phase phase : phases.stream().filter(p -> !p.name().contains("rerun")).limit(3).toList()) {
            report.paragraph("Per step, %s (calls W / R / P; failed calls are lookups answered 404 and keys not yet accepted):", phase.name());
            report.table(List.of("step", "invocations", "Confluent", "AWS", "failed calls", "failed invocations"),
                    ApiEconomy.perFunction(phase).values().stream().map(List::of).toList());
        }
    }

    private static List<String> row(String name, Phase phase) {
        Calls confluent = phase.confluent();
        Calls aws = phase.aws();
        return List.of(name, confluent.toString(), aws.toString(), Integer.toString(confluent.failed() + aws.failed()),
                Integer.toString(phase.spans().size()), Integer.toString(phase.transitions()), Long.toString(phase.lambdaMillis()),
                dollars(phase.cost(phase.lambdaMillis())), dollars(phase.cost(phase.estimatedLambdaMillis())));
    }

    /** The part of an onboarding that each topic adds: the states of its Map iteration and their functions. */
    private static Phase perTopic(Phase phase) {
        ExecutionResult execution = phase.execution();
        if (execution == null || execution.events("StateEntered").stream().noneMatch(e -> e.has("index"))) {
            return null;
        }
        // Not every state is named after its function: PublishTopicOnboarded and PublishTopicFailed are PublishOutcome.
        Map<String, String> functionOf = TaskState.all().stream()
                .collect(Collectors.toMap(TaskState::name, TaskState::function, (same, again) -> same));
        Set<String> functions = execution.events("StateEntered").stream().filter(e -> e.has("index"))
                .map(e -> functionOf.get(e.path("state").asText())).filter(Objects::nonNull).collect(Collectors.toSet());
        ExecutionResult iteration = new ExecutionResult(execution.status(), null, null, null,
                execution.events().stream().filter(e -> e.has("index")).toList(), execution.executionArn());
        return new Phase(phase.name(), phase.spans().stream()
                .filter(s -> functions.contains(s.function())).toList(), iteration, phase.memoryMb(), 0);
    }

    static void coldStarts(Markdown report, int rounds, List<ColdStarts.Floor> floors, List<ColdStarts.Row> rows, String loadAverages) {
        report.heading("Cold start");
        List<ColdStarts.Row> floorRows = rows.subList(0, floors.size());
        double floorAfterStart = floorRows.getFirst().medianAfterStartMs().orElse(Double.NaN);
        List<String> described = new ArrayList<>();
        for (int f = 0; f < floors.size(); f++) {
            described.add("%d. %s (%d samples, median %s ms)".formatted(f + 1, floors.get(f).description(),
                    floorRows.get(f).samples().size(), ms(floorRows.get(f).medianMs())));
        }
        report.paragraph("Process launch to first response, %d samples per function, each paired with a sample of each floor "
                + "taken just before it; \"× floor\" is the median of the paired ratios. The floors: %s. "
                + "Same launcher and JVM flags for all: AWS's runtime interface client, `-XX:+UseSerialGC -Xshare:auto "
                + "-XX:+TieredCompilation -XX:TieredStopAtLevel=1`, heap 85%% of 512 MB. \"Quarkus boot\" is what Quarkus logs "
                + "as its own start-up time, inside the total; \"after start\" is the rest (the JVM's start before Quarkus, "
                + "then the first invocation), and its ratio is to the first floor's median, its paired ratio the median of each sample's to the first (or the last) floor's sample taken just before it; \"first invocation\" is the first invocation alone, as Lambda's REPORT line counts its Duration (from the Runtime API handing the event over to the result; no JVM or runtime start); \"warm\" is a second invocation of the same JVM with the same event: the "
                + "work itself, the test bed's answers included, without the cold start. \"Primed at init\" rows run the SnapStart priming during init, as Lambda does "
                + "before the snapshot: their \"first invocation\" is what a restored snapshot still pays, besides Lambda's "
                + "restore itself, which cannot be measured here; their \"after start\" also holds the JVM's and the runtime "
                + "client's start before Quarkus (the runtime client's log formatter under the JSON log format among it), "
                + "which a snapshot holds too. Load average when the section began and ended: %s.",
                rounds, String.join("; ", described), loadAverages);
        List<List<String>> table = new ArrayList<>();
        for (ColdStarts.Row row : rows) {
            OptionalDouble after = row.medianAfterStartMs();
            int floor = floorRows.indexOf(row);
            boolean function = floor < 0;
            List<String> cells = new ArrayList<>(List.of(row.function().replace("Function", ""), ms(row.medianMs())));
            for (int f = 0; f < floors.size(); f++) {
                // A floor's row has ratios to the floors sampled before it only.
                cells.add(function || f < floor ? fixed(row.medianPairedRatio(f), 2) : f == floor ? "1.00" : "–");
            }
            cells.addAll(List.of(row.medianQuarkusBootMs().isPresent() ? ms(row.medianQuarkusBootMs().getAsDouble()) : "–",
                    after.isPresent() ? ms(after.getAsDouble()) : "–",
                    row.medianWarmMs().isPresent() ? ms(row.medianWarmMs().getAsDouble()) : "–",
                    ratio(after.isPresent() ? OptionalDouble.of(after.getAsDouble() / floorAfterStart) : after),
                    ratio(row.medianPairedAfterStartRatio(0)),
                    ratio(row.medianPairedAfterStartRatio(floors.size() - 1)),
                    row.medianHandledMs().isPresent() ? ms(row.medianHandledMs().getAsDouble()) : "–",
                    function ? row.samples().stream().map(s -> ms(s.ms())).collect(Collectors.joining(", ")) : "(" + row.samples().size() + " samples)",
                    row.failures() == 0 ? "" : row.failures() + ": " + row.samples().stream().filter(s -> s.error() != null)
                            .findFirst().orElseThrow().error()));
            table.add(cells);
        }
        List<String> headers = new ArrayList<>(List.of("function", "median ms"));
        floors.forEach(f -> headers.add(f.column()));
        headers.addAll(List.of("Quarkus boot ms", "after start ms", "warm ms", "after start × floor", "after start × floor, paired",
                "after start × " + floors.getLast().column().substring("× ".length()) + ", paired", "first invocation ms", "samples ms", "failed"));
        report.table(headers, table);
        List<ColdStarts.Row> functions = rows.stream().skip(floors.size())
                .filter(r -> !r.function().endsWith(ColdStarts.PRIMED) && !r.function().endsWith(ColdStarts.OTHER)).toList();
        for (int f = 0; f < floors.size(); f++) {
            int floor = f;
            summary(report, floors.get(f).against(), functions.stream().mapToDouble(r -> r.medianPairedRatio(floor)).toArray());
        }
    }

    /** Empty (no sample has the figure) as a dash. */
    private static String ratio(OptionalDouble value) {
        return value.isPresent() ? fixed(value.getAsDouble(), 2) : "–";
    }

    private static void summary(Markdown report, String floor, double[] ratios) {
        report.paragraph("Functions: %d; ratio to %s from %s to %s (median %s); target ≤ 1.30, counted before rounding: %d of %d meet it.",
                ratios.length, floor, fixed(Arrays.stream(ratios).min().orElse(0), 2), fixed(Arrays.stream(ratios).max().orElse(0), 2),
                fixed(ColdStarts.median(ratios), 2), Arrays.stream(ratios).filter(r -> r <= 1.3).count(), ratios.length);
    }

    static void throughput(Markdown report, Throughput.Result free, Throughput.Result limited) {
        report.heading("Throughput");
        double floorSeconds = (double) free.accepted() / limited.ratePerSecond();
        report.paragraph("%d new topics as %d requests of at most %d, their executions side by side. The floor is the "
                        + "Confluent calls the batch needs (%d, counted in the run without a limit) ÷ %d requests/s = %s s.",
                limited.topics(), (limited.topics() + Throughput.MAX_TOPICS_PER_REQUEST - 1) / Throughput.MAX_TOPICS_PER_REQUEST,
                Throughput.MAX_TOPICS_PER_REQUEST, free.accepted(), limited.ratePerSecond(), fixed(floorSeconds, 1));
        List<List<String>> rows = new ArrayList<>();
        for (Throughput.Result result : List.of(free, limited)) {
            double seconds = result.elapsed().toMillis() / 1000.0;
            rows.add(List.of(result.name(), fixed(seconds, 1), Long.toString(result.accepted()), Long.toString(result.rateLimited()),
                    result.ratePerSecond() == null ? "–" : fixed(seconds / floorSeconds, 2),
                    Long.toString(result.onboarded()), Long.toString(result.failed()), String.join(", ", result.executionStatuses())));
        }
        report.table(List.of("run", "seconds", "Confluent calls answered", "429s", "× floor", "TopicOnboarded",
                "TopicOnboardingFailed", "executions"), rows);
    }

    static void tableTime(Markdown report, TableTimeSection.Result result, int memoryMb) {
        report.heading("Time to table");
        report.paragraph("Each topic its own request, all sent at once, on a test bed of their own with the pauses as deployed "
                        + "and readiness by the clock: the new Kafka key refused for %d s, the TableFlow topic RUNNING and SYNCED "
                        + "its delay after it was enabled, the Glue table %d s later. Floor: the Glue table registered, plus the "
                        + "ConfirmGlueTable invocation that saw it when it began later, plus the engine's time to TopicOnboarded "
                        + "(bench/TimeToTable). Times are from the request. Target: max(floor + 5 s, 1.05 × floor). "
                        + "%d s in all; load average %s on average, %s at most (sampled every 10 s); %d Glue GetTable calls, "
                        + "%s per topic. Cost at the list prices above, at %d MB, Lambda billed at the local durations.",
                TableTimeSection.KEY_REFUSED.toSeconds(), TableTimeSection.UNTIL_GLUE_TABLE.toSeconds(), result.elapsed().toSeconds(),
                fixed(result.meanLoad(), 2), fixed(result.maxLoad(), 2), result.glueLookups(),
                fixed((double) result.glueLookups() / result.topics().size(), 1), memoryMb);
        List<List<String>> rows = new ArrayList<>();
        for (TimeToTable topic : result.topics()) {
            rows.add(List.of(topic.topic(), fixed(topic.readyAfter().toMillis() / 1000.0, 1), fixed(topic.tableAfter().toMillis() / 1000.0, 1),
                    fixed(topic.elapsed().toMillis() / 1000.0, 1),
                    fixed(topic.floor().toMillis() / 1000.0, 1), fixed(topic.ratio(), 3), fixed(topic.target().toMillis() / 1000.0, 1),
                    topic.met() ? "yes" : "**no**", Long.toString(topic.tableflowPolls()), Long.toString(topic.invocations()),
                    Long.toString(topic.transitions()), dollars(topic.cost(memoryMb))));
        }
        report.table(List.of("topic", "RUNNING after (s)", "table in Glue after (s)", "request → TopicOnboarded (s)", "floor (s)", "× floor", "target (s)", "met",
                "TableFlow polls", "Lambda invocations", "state transitions", "cost"), rows);
    }

    private static String cpuModel() {
        return firstLine(Path.of("/proc/cpuinfo"), "model name").map(l -> l.replaceFirst(".*:\\s*", "")).orElse("unknown CPU");
    }

    private static String memory() {
        return firstLine(Path.of("/proc/meminfo"), "MemTotal")
                .map(l -> fixed(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0, 1) + " GiB").orElse("unknown");
    }

    private static Optional<String> firstLine(Path file, String prefix) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
