package io.switchboard.providers.wire;

import static io.switchboard.providers.json.JsonFields.invalidValue;
import static io.switchboard.providers.json.JsonFields.path;
import static io.switchboard.providers.json.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code {"type":"text","text":…}} object that OpenAI Chat content arrays and Anthropic {@code system} arrays
 * share, read where no other part type is allowed.
 */
public final class TextParts {
    private TextParts() {}

    /** The part's text; any type other than {@code text} is an invalid value of {@code <path>.type}. */
    public static String text(JsonNode part, String path) {
        String type = requiredString(part, "type", path);
        if (!type.equals("text")) throw invalidValue(path(path, "type"), type, "'text'");
        return requiredString(part, "text", path);
    }
}
