package io.switchboard.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A function tool; {@code parameters} is its JSON Schema (OpenAI {@code parameters}, Anthropic {@code input_schema}). */
public record Tool(String name, String description, JsonNode parameters, Boolean strict) {
    public Tool { Objects.requireNonNull(name, "name"); }
}
