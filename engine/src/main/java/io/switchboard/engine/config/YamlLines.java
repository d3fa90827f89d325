package io.switchboard.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every key and array element of a YAML document, by JSON Pointer. A tree model forgets where
 * its nodes came from, so the reader scans the tokens once to keep that, and validation errors can say
 * {@code line N}.
 */
final class YamlLines {
    private final Map<String, Integer> lineByPointer;

    private YamlLines(Map<String, Integer> lineByPointer) { this.lineByPointer = lineByPointer; }

    static YamlLines scan(YAMLFactory factory, String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = factory.createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                JsonStreamContext ctx = p.getParsingContext();
                // A container's own context has no position yet: its place is its parent's current one.
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) ctx = ctx.getParent();
                if (ctx == null || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) continue;
                lines.putIfAbsent(ctx.pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
            }
        }
        return new YamlLines(lines);
    }

    /** The line of {@code pointer}, or of its nearest ancestor that has one; -1 if none. */
    int lineOf(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lineByPointer.get(p);
            if (line != null) return line;
            if (p.isEmpty()) return -1;
        }
    }
}
