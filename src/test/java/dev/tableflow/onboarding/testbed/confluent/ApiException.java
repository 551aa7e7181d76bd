package dev.tableflow.onboarding.testbed.confluent;

/**
 * A handler's way of answering with an error. It carries both vocabularies (management {@code code}/{@code title} and
 * Kafka/SR numeric {@code error_code}); {@link ErrorBodies} picks the one the API family speaks.
 */
final class ApiException extends RuntimeException {
    final int status;
    final String code;
    final String title;
    /** Numeric code for Kafka REST / Schema Registry bodies, e.g. 40002 or 40401; 0 means "use the HTTP status". */
    final int errorCode;
    /** Optional Location header (409 answers point at the conflicting resource). */
    final String location;

    ApiException(int status, String code, String title, String detail, int errorCode, String location) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errorCode = errorCode;
        this.location = location;
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, "invalid_input", "Bad Request", detail, 0, null);
    }

    /** Syntactically fine but semantically invalid (unknown references, impossible values). */
    static ApiException unprocessable(String detail) {
        return new ApiException(422, "invalid_configuration", "Validation Failed", detail, 0, null);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "resource_not_found", "Not Found", detail, 0, null);
    }

    static ApiException conflict(String detail, String location) {
        return new ApiException(409, "resource_already_exists", "Resource Already Exists", detail, 0, location);
    }

    static ApiException unauthenticated(String detail) {
        return new ApiException(401, "user_unauthenticated", "Authentication Required", detail, 0, null);
    }

    /** Kafka REST / Schema Registry style error with its numeric code. */
    static ApiException coded(int status, int errorCode, String message) {
        return new ApiException(status, null, null, message, errorCode, null);
    }
}
