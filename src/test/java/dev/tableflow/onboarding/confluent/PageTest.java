package dev.tableflow.onboarding.confluent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PageTest {

    @Test
    void nextPageTokenComesFromTheNextLink() {
        Page<String> page = new Page<>(new Page.Metadata(
                "https://api.confluent.cloud/pim/v1/integrations?environment=env-1&page_size=10&page_token=UvmD%2BWOB1"), List.of("a"));

        assertThat(page.nextPageToken()).contains("UvmD+WOB1");
    }

    @Test
    void lastPageHasNoToken() {
        assertThat(new Page<>(new Page.Metadata(null), List.of()).nextPageToken()).isEmpty();
        assertThat(new Page<>(null, null).nextPageToken()).isEmpty();
        assertThat(new Page<>(null, null).items()).isEmpty();
        assertThat(new Page<>(new Page.Metadata("https://api.confluent.cloud/x?page_size=5"), List.of()).nextPageToken()).isEmpty();
    }
}
