package dev.tableflow.onboarding.testbed.confluent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Everything the server received, in order; tests assert on it (e.g. "no writes on a re-run"). */
public final class RequestLog {
    private final List<LoggedRequest> entries = new CopyOnWriteArrayList<>();

    void add(LoggedRequest entry) {
        entries.add(entry);
    }

    void clear() {
        entries.clear();
    }

    public List<LoggedRequest> all() {
        return List.copyOf(entries);
    }

    public List<LoggedRequest> matching(Predicate<LoggedRequest> filter) {
        return entries.stream().filter(filter).toList();
    }

    public long writes() {
        return count(LoggedRequest::write);
    }

    public long writes(String pathPrefix) {
        return count(r -> r.write() && r.path().startsWith(pathPrefix));
    }

    public long reads() {
        return count(LoggedRequest::read);
    }

    public long reads(String pathPrefix) {
        return count(r -> r.read() && r.path().startsWith(pathPrefix));
    }

    public long count(Predicate<LoggedRequest> filter) {
        return entries.stream().filter(filter).count();
    }
}
