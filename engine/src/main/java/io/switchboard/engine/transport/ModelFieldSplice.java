package io.switchboard.engine.transport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.switchboard.engine.EngineJson;
import java.io.IOException;

/**
 * Rewrites the top-level {@code "model"} string of a JSON body in its bytes: everything before and after the
 * value is copied untouched. A route alias is resolved to a real model on most pass-through calls, and editing
 * the parsed tree instead meant a deep copy and a full re-serialisation of the body (the larger part of the
 * gateway's own CPU per call for a 100 KB prompt), and numbers and key order re-rendered by the mapper.
 */
final class ModelFieldSplice {
    private ModelFieldSplice() {}

    /** {@code body} with its top-level {@code model} string set to {@code model}, or null when it has no such string. */
    static byte[] apply(byte[] body, String model) {
        try (JsonParser parser = EngineJson.MAPPER.createParser(body)) {
            if (!EngineJson.toTopLevelValue(parser, "model") || parser.currentToken() != JsonToken.VALUE_STRING) return null;
            long start = parser.currentTokenLocation().getByteOffset();
            parser.getText(); // finishes the lazily read string, so the location below is past its closing quote
            long end = parser.currentLocation().getByteOffset();
            if (start < 0 || end <= start || end > body.length || body[(int) start] != '"' || body[(int) end - 1] != '"') {
                return null;
            }
            byte[] quoted = quoted(model);
            byte[] out = new byte[body.length - (int) (end - start) + quoted.length];
            System.arraycopy(body, 0, out, 0, (int) start);
            System.arraycopy(quoted, 0, out, (int) start, quoted.length);
            System.arraycopy(body, (int) end, out, (int) start + quoted.length, body.length - (int) end);
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] quoted(String s) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(s);
        byte[] out = new byte[escaped.length + 2];
        out[0] = '"';
        System.arraycopy(escaped, 0, out, 1, escaped.length);
        out[out.length - 1] = '"';
        return out;
    }
}
