package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Waits for a request's answer in the outcome log: polls the log from just before the request was sent until
 * {@code answer} finds what it waits for, and gives up after {@link #PATIENCE}, naming where to look next. There is no
 * push channel a workstation could hold open: the outcome log is where the stack puts every answer.
 */
final class Follow {

    /** Longer than an onboarding's TableFlow wait (the state machine's own budget), so a slow but live run is not abandoned. */
    static final Duration PATIENCE = Duration.ofMinutes(30);
    static final Duration POLL = Duration.ofSeconds(2);
    /** Log events are stamped with the event's time, which EventBridge takes from the sender's clock or its own. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final OutcomeLog log;
    private final Instant since;
    private final Duration patience;

    Follow(OutcomeLog log, Instant sent, Duration patience) {
        this.log = log;
        this.since = sent.minus(CLOCK_SKEW);
        this.patience = patience;
    }

    /** For a request with nothing to read before the log. */
    static final Supplier<Void> NOTHING = () -> null;

    /**
     * Polls until {@code answer} finds what it waits for in the log's events; {@code before} is read first each time (an
     * execution's status), so that what it says is already reflected in the events read after it.
     */
    <S, T> T until(String what, Supplier<S> before, BiFunction<S, List<JsonNode>, Optional<T>> answer) {
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            S state = before.get();
            Optional<T> found = answer.apply(state, log.since(since));
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new CliException("no answer to " + what + " after " + patience.toMinutes() + " minutes; it may still come:"
                        + " aws logs tail " + log.logGroup() + " --since 1h --follow");
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while waiting for " + what);
            }
        }
    }

    /** The events of {@code detailTypes}, oldest first. */
    static List<JsonNode> of(List<JsonNode> events, List<String> detailTypes) {
        return events.stream().filter(e -> detailTypes.contains(e.path("detail-type").asText())).toList();
    }

    /** A line that updates in place on a terminal; elsewhere, a plain line each time it changes. */
    static final class Progress {
        private final PrintStream out;
        private final boolean terminal;
        private String last = "";

        Progress(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        void show(String line) {
            if (line.equals(last)) {
                return;
            }
            if (terminal) {
                out.print("\r\033[2K" + line);
            } else {
                out.println(line);
            }
            out.flush();
            last = line;
        }

        void done() {
            if (terminal && !last.isEmpty()) {
                out.println();
            }
        }
    }
}
