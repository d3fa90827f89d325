package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.simulator.JsonSchemaShape;
import java.util.Map;

/**
 * Builds tool-call arguments that satisfy a JSON schema, deterministically: the first {@code enum} or
 * {@code const} value where given, else a fixed sample per type (strings are {@code "sample <name>"}). Every
 * declared property is filled, which also satisfies strict mode's "all properties required".
 */
final class ToolArguments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 8;

    private ToolArguments() {}

    /** The arguments as the JSON string that goes on the wire. */
    static String forSchema(JsonNode schema) {
        JsonNode value = value("value", schema, 0);
        ObjectNode args = value.isObject() ? (ObjectNode) value : JSON.createObjectNode();
        return args.toString();
    }

    private static JsonNode value(String name, JsonNode schema, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) return f.objectNode();
        JsonNode fixed = JsonSchemaShape.fixedValue(schema);
        if (fixed != null) return fixed;
        JsonNode alternative = JsonSchemaShape.firstAlternative(schema);
        if (alternative != null) return value(name, alternative, depth + 1);
        switch (JsonSchemaShape.typeOf(schema)) {
            case "string":
                return f.textNode("sample " + name);
            case "integer":
                return f.numberNode(1);
            case "number":
                return f.numberNode(1.5);
            case "boolean":
                return f.booleanNode(true);
            case "null":
                return f.nullNode();
            case "array": {
                ArrayNode array = f.arrayNode();
                array.add(value(name, schema.get("items"), depth + 1));
                return array;
            }
            default: {
                ObjectNode object = f.objectNode();
                JsonNode properties = schema.get("properties");
                if (properties != null && properties.isObject()) {
                    for (Map.Entry<String, JsonNode> p : properties.properties()) {
                        object.set(p.getKey(), value(p.getKey(), p.getValue(), depth + 1));
                    }
                }
                return object;
            }
        }
    }
}
