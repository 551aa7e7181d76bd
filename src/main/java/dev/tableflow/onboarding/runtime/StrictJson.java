package dev.tableflow.onboarding.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.validation.Rules;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How every JSON document that reaches a function is read. quarkus-amazon-lambda reads each invocation's payload (a
 * Task's input, an EventBridge event, Secrets Manager's rotation event) with a copy of the application's
 * ObjectMapper (AmazonLambdaMapperRecorder), so what is set here holds before any handler runs:
 * <ul>
 * <li>A key given twice is an error naming the key. Jackson otherwise keeps the last one, so
 * {@code {"force": false, "force": true}} reads as true to us while whoever reviewed the request read false.</li>
 * <li>Nesting deeper than {@link #MAX_NESTING_DEPTH} is refused while reading, so no recursive walk later (the
 * JSON Schema validator, serialisation) can overflow the stack. Jackson's own default allows 1000 levels.</li>
 * </ul>
 * The Confluent clients read answers with the same mapper; no Confluent answer comes near either limit. A function
 * whose refusals must be answered (the intake) reads its payload itself with this mapper, and {@link #refusal} names
 * the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** An onboarding event puts an inline schema 6 levels deep; the request rules allow it {@code 32} more. */
    public static final int MAX_NESTING_DEPTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    /**
     * A payload this mapper would not read, as invalid input naming where the reader stopped ({@code topics[0].name}
     * for a key given twice there, its first four levels for nesting too deep), relative to {@code root} (the
     * field the caller's fields sit in, e.g. an event's {@code detail}; empty for the payload itself).
     */
    public static InvalidInputException refusal(StepContext context, String root, JsonParser parser, JsonProcessingException e) {
        // The parser, not the exception: a nesting-limit exception does not carry it.
        String field = field(parser.getParsingContext(), root);
        // Reading into a record wraps the parser's exception; the nesting limit's is worth saying in our words.
        boolean tooDeep = e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException;
        String problem = tooDeep ? "nested more than " + MAX_NESTING_DEPTH + " levels deep" : Rules.abbreviate(String.valueOf(e.getOriginalMessage()));
        return new InvalidInputException(context, field.isEmpty() ? "(the payload)" : field, problem);
    }

    /** The path to the reader's position as the request rules name fields; four levels at most, as in topics[0].schema.inline. */
    private static String field(JsonStreamContext at, String root) {
        Deque<String> path = new ArrayDeque<>();
        for (JsonStreamContext level = at; level != null && !level.inRoot(); level = level.getParent()) {
            if (level.inArray()) {
                path.push("[" + Math.max(level.getCurrentIndex(), 0) + "]");
            } else if (level.getCurrentName() != null) {
                path.push("." + level.getCurrentName());
            }
        }
        if (!root.isEmpty() && path.size() > 0 && path.peek().equals("." + root)) {
            path.pop();
        }
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < 4 && !path.isEmpty(); i++) {
            field.append(path.pop());
        }
        return Rules.abbreviate(field.toString().replaceFirst("^\\.", ""));
    }
}
