package dev.tableflow.onboarding.testbed.lambda;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads a CloudFormation/SAM template into JSON, turning short-form intrinsics into their long form
 * ({@code !Ref X} becomes {@code {"Ref":"X"}}, {@code !GetAtt A.Arn} becomes {@code {"Fn::GetAtt":"A.Arn"}}).
 * <p>
 * A plain YAML-to-tree read would silently drop the tags and leave {@code "X"} where the template says
 * {@code !Ref X}; keeping them lets callers tell a literal from a value only CloudFormation can resolve.
 */
final class CloudFormationYaml {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() {
    }

    static JsonNode read(Path file) {
        try (YAMLParser parser = (YAMLParser) MAPPER.getFactory().createParser(file.toFile())) {
            return parser.nextToken() == null ? NODES.objectNode() : readValue(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    /** Reads the value at the parser's current token, including its tag. */
    private static JsonNode readValue(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId(); // the YAML tag without its '!', or null
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    object.set(field, readValue(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                yield array;
            }
            default -> {
                JsonNode scalar = MAPPER.readTree(parser);
                yield scalar == null ? NODES.nullNode() : scalar;
            }
        };
        return tag == null || tag.startsWith("tag:") ? value : intrinsic(tag, value);
    }

    private static JsonNode intrinsic(String tag, JsonNode value) {
        String key = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
        return NODES.objectNode().set(key, value);
    }
}
