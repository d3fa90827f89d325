package io.switchboard.core.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Requested output shape; {@code name}, {@code schema} and {@code strict} apply to {@link Type#JSON_SCHEMA}. */
public record ResponseFormat(Type type, String name, JsonNode schema, Boolean strict) {
    public enum Type { TEXT, JSON_OBJECT, JSON_SCHEMA }

    public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, null);
}
