package dev.modelregistry.server.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.modelregistry.server.db.Times;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** The one strict JSON mapper of the server and small helpers for building responses explicitly. */
public final class Json {
    /** How deep a request body (or an ingested line, or a signed statement) may nest objects and arrays. */
    public static final int MAX_DEPTH = 64;
    /**
     * How deep stored JSON may nest and still be shown as JSON: above what this server stores since bodies are
     * limited, and far enough below the 1,000 levels every Jackson reader accepts that a response holding it parses.
     */
    static final int MAX_STORED_DEPTH = 256;

    /** Duplicate keys and trailing garbage are errors: a body must mean exactly one thing. */
    public static final ObjectMapper MAPPER = strictMapper(MAX_DEPTH);
    private static final ObjectMapper STORED = strictMapper(MAX_STORED_DEPTH);

    private Json() {
    }

    private static ObjectMapper strictMapper(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        return JsonMapper.builder(factory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * When parsing {@code document} with {@link #MAPPER} failed with {@code e} because it nests deeper than
     * {@link #MAX_DEPTH}: the top-level field holding the deep part ({@code body} when the document is an array).
     * Jackson's exception does not say where, so the document is scanned again, without building a tree.
     */
    public static Optional<String> tooDeepField(JsonProcessingException e, byte[] document) {
        if (!(e instanceof StreamConstraintsException)) {
            return Optional.empty();
        }
        try (JsonParser parser = MAPPER.getFactory().createParser(document)) {
            try {
                while (parser.nextToken() != null) {
                    // Only the failure point matters.
                }
            } catch (StreamConstraintsException tooDeep) {
                if (parser.getParsingContext().getNestingDepth() >= MAX_DEPTH) {
                    String field = parser.getParsingContext().pathAsPointer().getMatchingProperty();
                    return Optional.of(field == null || field.isEmpty() ? "body" : field);
                }
            }
            return Optional.empty();
        } catch (IOException other) {
            return Optional.empty();
        }
    }

    /** The limit as a field error says it. */
    public static String tooDeepMessage() {
        return "must not nest objects and arrays deeper than " + MAX_DEPTH + " levels";
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Puts an instant in the registry's text form, or null. */
    public static ObjectNode putTime(ObjectNode node, String field, Instant instant) {
        return instant == null ? node.putNull(field) : node.put(field, Times.format(instant));
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Parses a stored JSON column. What no longer parses within {@link #MAX_STORED_DEPTH} (stored before bodies
     * were limited, or edited in the database) is shown as a string of its text: a listing never fails because of
     * one row, and the response stays within what any client parses.
     */
    public static JsonNode readStored(String text) {
        if (text == null) {
            return null;
        }
        try {
            return STORED.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
