package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a JSON schema says a simulated value must look like, as both providers' tool-argument builders read it:
 * a fixed value first, else the first alternative of a union, else the declared type.
 */
public final class JsonSchemaShape {
    private JsonSchemaShape() {}

    /** {@code const} (even a JSON null), else the first {@code enum} entry; Java null when the schema fixes neither. */
    public static JsonNode fixedValue(JsonNode schema) {
        if (schema.has("const")) return schema.get("const");
        JsonNode options = schema.get("enum");
        if (options != null && options.isArray() && !options.isEmpty()) return options.get(0);
        return null;
    }

    /** The first schema of a non-empty {@code anyOf}, else of {@code oneOf}; null when there is no union. */
    public static JsonNode firstAlternative(JsonNode schema) {
        for (String union : new String[] {"anyOf", "oneOf"}) {
            JsonNode alternatives = schema.get(union);
            if (alternatives != null && alternatives.isArray() && !alternatives.isEmpty()) return alternatives.get(0);
        }
        return null;
    }

    /**
     * The type to sample. {@code type} may be a list such as {@code ["string","null"]}, whose first non-null entry
     * decides; without {@code type} a schema with {@code items} is an array, else an object, as is any
     * {@code type} that is neither a string nor a list.
     */
    public static String typeOf(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) return schema.has("items") ? "array" : "object";
        if (type.isTextual()) return type.asText();
        if (type.isArray()) {
            for (JsonNode t : type) if (!"null".equals(t.asText())) return t.asText();
            return "null";
        }
        return "object";
    }
}
