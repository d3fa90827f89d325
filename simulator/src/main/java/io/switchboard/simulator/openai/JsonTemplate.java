package io.switchboard.simulator.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON document serialized once with holes, then filled by string concatenation. Streams send dozens of
 * near-identical events per answer; building and serializing a tree for each one dominated the simulator's CPU.
 */
final class JsonTemplate {
    private final String[] parts;

    /**
     * @param sample the document, with each hole's value set to the text {@code holeName(i)}
     * @param holes  how many holes, filled in order by {@link #render}
     */
    JsonTemplate(ObjectNode sample, int holes) {
        String json = sample.toString();
        parts = new String[holes + 1];
        int from = 0;
        for (int i = 0; i < holes; i++) {
            String marker = "\"" + holeName(i) + "\"";
            int at = json.indexOf(marker, from);
            if (at < 0) throw new IllegalArgumentException("hole " + i + " missing from " + json);
            parts[i] = json.substring(from, at);
            from = at + marker.length();
        }
        parts[holes] = json.substring(from);
    }

    /** The placeholder text for hole {@code i}. */
    static String holeName(int i) { return "@@hole" + i + "@@"; }

    /** The document with each hole replaced by the matching raw JSON value (see {@link #quote}). */
    String render(String... values) {
        int length = 0;
        for (String part : parts) length += part.length();
        for (String value : values) length += value.length();
        StringBuilder sb = new StringBuilder(length + 8).append(parts[0]);
        for (int i = 0; i < values.length; i++) sb.append(values[i]).append(parts[i + 1]);
        return sb.toString();
    }

    /** A JSON string literal for {@code text}. */
    static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
