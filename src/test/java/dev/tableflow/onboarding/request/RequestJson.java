package dev.tableflow.onboarding.request;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Onboarding request details for tests, written with single quotes because they read better in Java strings. */
public final class RequestJson {

    private RequestJson() {}

    /** Turns single quotes into double quotes; a case that needs a literal double quote writes it escaped. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A request with one topic of the given fields (still single-quoted). */
    public static String topic(String fields) {
        return "{'topics':[{" + fields + "}]}";
    }

    /** A request with {@code count} topics using the shipped schema (still single-quoted). */
    public static String topics(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{'name':'topic-" + i + "','schema':{'name':'topic2-value'}}")
                .collect(Collectors.joining(",", "{'topics':[", "]}"));
    }
}
