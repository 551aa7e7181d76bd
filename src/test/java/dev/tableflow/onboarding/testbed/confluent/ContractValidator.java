package dev.tableflow.onboarding.testbed.confluent;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Checks every request against Confluent's OpenAPI contract, and every answer of ours too (keeps the fake honest).
 * Specs are read from {@code ../shared/confluent-openapi} (never copied into the project); without that directory
 * validation is simply off, and a family whose spec file is missing there goes unchecked ({@link #problem(ApiFamily)}).
 * Each spec is parsed lazily, once — the Kafka REST one alone is ~900 KB.
 */
final class ContractValidator {
    /**
     * The validator logs every {@code oauth2} scheme it skips and the JSON-schema library every {@code x-…} vendor
     * extension it does not know; both are expected for Confluent's specs and would drown test output. Held strongly
     * so the level sticks.
     */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("com.atlassian.oai.validator"),
            Logger.getLogger("com.networknt.schema"));

    static {
        QUIETED.forEach(l -> l.setLevel(java.util.logging.Level.SEVERE));
    }

    /** Minimal contract used once to find out whether the validator library can run on this classpath at all. */
    private static final String PROBE_SPEC = """
            openapi: 3.0.0
            info: {title: probe, version: "1"}
            paths:
              /probe:
                get:
                  parameters: [{name: n, in: query, schema: {type: integer}}]
                  responses: {"200": {description: ok}}
            """;
    private static String libraryProblem;
    private static boolean probed;

    private final Path specDir;
    private final String problem;
    private final Map<ApiFamily, OpenApiInteractionValidator> validators = new EnumMap<>(ApiFamily.class);
    private final List<ContractViolation> violations = new CopyOnWriteArrayList<>();

    ContractValidator(Path specDir) {
        boolean present = specDir != null && Files.isDirectory(specDir);
        String library = present ? libraryProblem() : null;
        if (library != null) {
            // Only a missing ../shared may turn the contract checks off; anything else would let every test pass unchecked.
            throw new IllegalStateException("the contracts at " + specDir.toAbsolutePath() + " cannot be checked: " + library);
        }
        this.specDir = present ? specDir : null;
        this.problem = specDir == null ? "validation disabled" : !present ? "no contracts at " + specDir.toAbsolutePath() : null;
    }

    boolean enabled() {
        return specDir != null;
    }

    /** Why validation is off, or null when it is on. */
    String problem() {
        return problem;
    }

    /** Why {@code family}'s contract is not checked, naming its spec file, or null when it is. */
    String problem(ApiFamily family) {
        if (specDir == null) {
            return family.specFile + " is not checked: " + problem;
        }
        Path spec = specDir.resolve(family.specFile);
        return Files.isRegularFile(spec) ? null : "missing " + spec.toAbsolutePath();
    }

    /**
     * Why validation is off although the specs are present, or null. The validator is compiled against
     * com.networknt:json-schema-validator 2.0.x; a different major version on the classpath breaks it with
     * NoSuchMethodError on the first schema check, which the constructor turns into a failure to start.
     */
    static synchronized String libraryProblem() {
        if (!probed) {
            probed = true;
            try {
                OpenApiInteractionValidator.createForInlineApiSpecification(PROBE_SPEC).build()
                        .validateRequest(SimpleRequest.Builder.get("/probe").withQueryParam("n", "1").build());
            } catch (LinkageError | RuntimeException e) {
                libraryProblem = "the OpenAPI validator cannot run on this classpath (" + e + "); "
                        + "openapi-request-validator-core 3.0.0 needs com.networknt:json-schema-validator 2.0.x";
            }
        }
        return libraryProblem;
    }

    List<ContractViolation> violations() {
        return List.copyOf(violations);
    }

    void clear() {
        violations.clear();
    }

    /** Returns the recorded violation, or null when the request conforms (or cannot be checked). */
    ContractViolation checkRequest(ApiFamily family, HttpCall call) {
        OpenApiInteractionValidator validator = validator(family);
        if (validator == null) {
            return null;
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(call.method, call.path);
        call.headers.forEach(request::withHeader);
        call.query.forEach(request::withQueryParam);
        if (call.body != null && !call.body.isEmpty()) {
            request.withBody(call.body);
        }
        return record("REQUEST", family, call, 0, safely(() -> validator.validateRequest(request.build())));
    }

    ContractViolation checkResponse(ApiFamily family, HttpCall call, Reply reply) {
        OpenApiInteractionValidator validator = validator(family);
        if (validator == null || UNDOCUMENTED_ANSWERS.contains(call.method + " " + call.path + " " + reply.status())) {
            return null;
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(reply.status());
        reply.headers().forEach(response::withHeader);
        if (reply.contentType() != null) {
            response.withContentType(reply.contentType());
        }
        if (reply.body() != null) {
            response.withBody(reply.body());
        }
        ValidationReport report = safely(() -> validator.validateResponse(call.path, Request.Method.valueOf(call.method), response.build()));
        if (family == ApiFamily.METRICS && reply.body() != null && reply.body().contains("\"data\":[]")) {
            // metrics-v2.yaml's QueryResponse is oneOf [FlatQueryResponse, GroupedQueryResponse], which differ only in
            // their items: an empty result, {"data":[]}, is both, so no answer without data points could pass the oneOf.
            report = ValidationReport.from(report.getMessages().stream()
                    .filter(m -> !m.getKey().startsWith("validation.response.body.schema.oneOf")).toList());
        }
        return record("RESPONSE", family, call, reply.status(), report);
    }

    /** A validator crash is reported as a violation, never as a dropped connection. */
    private static ValidationReport safely(Supplier<ValidationReport> validation) {
        try {
            return validation.get();
        } catch (LinkageError | RuntimeException e) {
            Message crash = ValidationReport.Message.create("validator.crashed", e.toString()).build();
            return ValidationReport.singleton(crash.withLevel(Level.ERROR));
        }
    }

    private ContractViolation record(String direction, ApiFamily family, HttpCall call, int status, ValidationReport report) {
        List<String> errors = new ArrayList<>();
        report.getMessages().stream().filter(m -> m.getLevel() == Level.ERROR).forEach(m -> describe(m, "", errors));
        if (errors.isEmpty()) {
            return null;
        }
        ContractViolation violation = new ContractViolation(direction, call.method, call.path
                + (call.rawQuery == null ? "" : "?" + call.rawQuery), status, family.specFile, List.copyOf(errors));
        violations.add(violation);
        return violation;
    }

    /** oneOf/anyOf failures only say "0 schemas valid"; the nested messages say why, so keep them. */
    private static void describe(Message m, String indent, List<String> out) {
        String where = m.getContext().flatMap(c -> c.getPointers().map(p -> " @" + p.getInstance())).orElse("");
        out.add(indent + m.getKey() + ": " + m.getMessage() + where
                + (m.getAdditionalInfo().isEmpty() ? "" : " " + m.getAdditionalInfo()));
        m.getNestedMessages().forEach(n -> describe(n, indent + "    ", out));
    }

    private synchronized OpenApiInteractionValidator validator(ApiFamily family) {
        if (problem(family) != null) {
            return null;
        }
        if (!validators.containsKey(family)) {
            try {
                validators.put(family, OpenApiInteractionValidator
                        .createForSpecificationUrl(specDir.resolve(family.specFile).toUri().toString())
                        // Contracts name Confluent's production hosts in `servers`; we are on 127.0.0.1 and mount SR
                        // under a prefix, so the base path comes from our table instead of the spec.
                        .withBasePathOverride(family.specBasePath().isEmpty() ? "/" : family.specBasePath())
                        .withLevelResolver(LEVELS)
                        .build());
            } catch (LinkageError | RuntimeException e) {
                validators.put(family, null); // remember, so the failure is reported once
                violations.add(new ContractViolation("SPEC", "-", "-", 0, family.specFile, List.of("cannot load: " + e)));
            }
        }
        return validators.get(family);
    }

    /**
     * Answers Confluent Cloud is seen to give that its specs leave out, each with where it was seen. Only these pass
     * unchecked; any other undocumented status is a violation.
     */
    private static final Set<String> UNDOCUMENTED_ANSWERS = Set.of(
            // terraform-provider-confluent PR #896: 404 "topic not found" to enabling TableFlow on a topic just created.
            "POST /tableflow/v1/tableflow-topics 404");

    private static final LevelResolver LEVELS = LevelResolver.create()
            // The validator injects additionalProperties:false into every object schema, which makes each half of
            // Confluent's `allOf: [Base, {required: [...]}]` reject the other half's properties. Unknown fields are
            // therefore not checked; missing required fields, types, formats and enums still are.
            .withLevel("validation.schema.additionalProperties", Level.IGNORE)
            // Authentication is the server's job: a missing or wrong key must yield 401 as on Confluent Cloud, not a
            // contract violation.
            .withLevel("validation.request.security", Level.IGNORE)
            .build();
}
