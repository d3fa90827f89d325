package io.switchboard.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON mapper shared by the engine and the gateway. Decimals are kept exact so that a body edited in
 * pass-through (only its {@code model} rewritten) re-serialises its numbers as the client wrote them.
 */
public final class EngineJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Reads one value out of a larger document, so what follows it is not "trailing". */
    private static final ObjectReader FIELD_READER = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EngineJson() {}

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed body, or null when {@code bytes} is not JSON (an upstream may send anything). */
    public static JsonNode parseOrNull(byte[] bytes) {
        if (bytes == null || bytes.length == 0) return null;
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The value of {@code body}'s top-level field {@code name}, or null when absent or {@code body} is not a JSON
     * object. Streams through the bytes and builds a tree of that one field only: billing reads a passed-through
     * answer's {@code usage} this way instead of parsing the whole answer into a tree.
     */
    public static JsonNode topLevelField(byte[] body, String name) {
        if (body == null || body.length == 0) return null;
        try (JsonParser parser = MAPPER.createParser(body)) {
            return toTopLevelValue(parser, name) ? FIELD_READER.readTree(parser) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Moves a parser at the start of a document to the value of its top-level field {@code name}, skipping the
     * other fields' values without building them; false when the document is not an object or has no such field.
     */
    public static boolean toTopLevelValue(JsonParser parser, String name) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) return false;
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
            boolean wanted = name.equals(parser.currentName());
            parser.nextToken();
            if (wanted) return true;
            parser.skipChildren();
        }
        return false;
    }
}
