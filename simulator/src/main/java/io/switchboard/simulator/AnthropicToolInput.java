package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a simulated tool call's {@code input} from the tool's {@code input_schema}: every required property gets
 * a deterministic value of its type ({@code const}, then the first {@code enum} value, then a sample that honours
 * {@code minimum}/{@code maximum} and common string {@code format}s). Optional properties are left out, as a
 * terse model would. {@code salt} varies the samples between requests while keeping each request repeatable.
 */
final class AnthropicToolInput {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private AnthropicToolInput() {}

    static ObjectNode forSchema(JsonNode schema, long salt) {
        JsonNode value = value("input", schema, salt, 0);
        return value.isObject() ? (ObjectNode) value : F.objectNode();
    }

    private static JsonNode value(String name, JsonNode schema, long salt, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) return F.nullNode();
        JsonNode fixed = JsonSchemaShape.fixedValue(schema);
        if (fixed != null) return fixed;
        JsonNode alternative = JsonSchemaShape.firstAlternative(schema);
        if (alternative != null) return value(name, alternative, salt, depth + 1);
        int sample = (int) Long.remainderUnsigned(salt ^ name.hashCode() * 0x9E3779B97F4A7C15L, 100) + 1;
        // An explicit "type": null asks for a null, like the type name "null".
        String type = schema.path("type").isNull() ? "null" : JsonSchemaShape.typeOf(schema);
        return switch (type) {
            case "string" -> F.textNode(sampleString(name, schema.path("format").asText(""), sample));
            case "integer" -> F.numberNode(clamp(sample, schema));
            case "number" -> F.numberNode(numberSample(sample, schema));
            case "boolean" -> F.booleanNode(true);
            case "null" -> F.nullNode();
            case "array" -> {
                ArrayNode array = F.arrayNode();
                int items = Math.max(1, schema.path("minItems").asInt(1));
                for (int i = 0; i < items; i++) array.add(value(name, schema.get("items"), salt + i, depth + 1));
                yield array;
            }
            default -> object(schema, salt, depth);
        };
    }

    private static ObjectNode object(JsonNode schema, long salt, int depth) {
        ObjectNode object = F.objectNode();
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            String property = required.asText();
            object.set(property, value(property, properties.get(property), salt, depth + 1));
        }
        return object;
    }

    private static String sampleString(String name, String format, int sample) {
        return switch (format) {
            case "date" -> "2025-01-" + String.format("%02d", sample % 28 + 1);
            case "date-time" -> "2025-01-" + String.format("%02d", sample % 28 + 1) + "T12:00:00Z";
            case "email" -> name + sample + "@example.com";
            case "uri", "url" -> "https://example.com/" + name + "/" + sample;
            case "uuid" -> String.format("00000000-0000-4000-8000-%012d", sample);
            default -> name + "-" + sample;
        };
    }

    private static double numberSample(int sample, JsonNode schema) {
        double whole = clamp(sample, schema);
        return whole + 0.5 <= schema.path("maximum").asDouble(Double.MAX_VALUE) ? whole + 0.5 : whole;
    }

    private static long clamp(long value, JsonNode schema) {
        if (schema.has("minimum")) value = Math.max(value, (long) Math.ceil(schema.get("minimum").asDouble()));
        if (schema.has("maximum")) value = Math.min(value, (long) Math.floor(schema.get("maximum").asDouble()));
        return value;
    }
}
