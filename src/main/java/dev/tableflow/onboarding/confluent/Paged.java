package dev.tableflow.onboarding.confluent;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list, whatever envelope the API wraps it in: the management APIs put the next page's URL in
 * {@code metadata.next} ({@link Page}), the Metrics API its token in {@code meta.pagination.next_page_token}
 * ({@link MetricsPage}). {@link ConfluentCalls} follows either.
 */
public interface Paged<T> {

    List<T> items();

    /** What the next request sends as {@code page_token}; empty on the last page. */
    Optional<String> nextPageToken();
}
