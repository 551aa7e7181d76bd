package dev.tableflow.onboarding.confluent;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfluentErrorMapperTest {

    final ConfluentErrorMapper mapper = new ConfluentErrorMapper();

    @Test
    void readsTheManagementApisErrorsArray() {
        ConfluentApiException e = mapper.toThrowable(Response.status(409)
                .entity("{\"errors\":[{\"status\":\"409\",\"code\":\"conflict\",\"title\":\"Conflict\",\"detail\":\"already exists\"}]}").build());

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("conflict");
        assertThat(e.getMessage()).isEqualTo("already exists");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void readsKafkaRestAndSchemaRegistryErrorCodes() {
        ConfluentApiException e = mapper.toThrowable(Response.status(400)
                .entity("{\"error_code\":40002,\"message\":\"Topic 'topic2' already exists.\"}").build());

        assertThat(e.code()).isEqualTo("40002");
        assertThat(e.describe()).isEqualTo("400 (40002): Topic 'topic2' already exists.");
    }

    @Test
    void rateLimitWaitComesFromRetryAfterOrTheWindowReset() {
        assertThat(mapper.toThrowable(Response.status(429).header("Retry-After", "7").header("X-RateLimit-Reset", "30").build())
                .retryAfterSeconds()).hasValue(7);
        assertThat(mapper.toThrowable(Response.status(429).header("X-RateLimit-Reset", "30").build()).retryAfterSeconds()).hasValue(30);
        assertThat(mapper.toThrowable(Response.status(503).header("Retry-After", "5").build()).retryAfterSeconds()).hasValue(5);
    }

    @Test
    void windowResetOnAServerErrorIsNotAReasonToWait() {
        // Every Confluent response carries the rate-limit headers; on a 500 the reset says nothing about retrying.
        ConfluentApiException e = mapper.toThrowable(Response.status(500).header("X-RateLimit-Reset", "14")
                .entity("<html>Internal Server Error</html>").build());

        assertThat(e.retryAfterSeconds()).isEmpty();
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Internal Server Error");
    }
}
