package io.switchboard.providers.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Typed reads of client request fields. Every failure is an {@code INVALID_REQUEST} {@link ProviderException}
 * whose message follows OpenAI's wording ("Invalid type for 'messages': expected an array, but got a string
 * instead.") and whose {@code param} is the field's path, e.g. {@code messages[0].content}.
 * An absent field and an explicit JSON null both read as "not set".
 */
public final class JsonFields {
    private JsonFields() {}

    public static String path(String parent, String field) { return parent.isEmpty() ? field : parent + "." + field; }

    public static String path(String parent, int index) { return parent + "[" + index + "]"; }

    public static ProviderException missing(String path) {
        return ProviderException.invalid("Missing required parameter: '" + path + "'.", path);
    }

    public static ProviderException invalidType(String path, String expected, JsonNode actual) {
        return ProviderException.invalid(
                "Invalid type for '" + path + "': expected " + expected + ", but got " + typeName(actual) + " instead.", path);
    }

    public static ProviderException invalidValue(String path, String value, String supported) {
        return ProviderException.invalid(
                "Invalid value for '" + path + "': '" + value + "'. Supported values are: " + supported + ".", path);
    }

    public static ProviderException unsupported(String path, String what) {
        return ProviderException.invalid(what + " is not supported by this gateway route ('" + path + "').", path);
    }

    /** The request body itself, which must be an object. */
    public static JsonNode body(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProviderException.invalid("The request body must be a JSON object, but got "
                    + typeName(body) + " instead.", null);
        }
        return body;
    }

    public static String requiredString(JsonNode obj, String field, String parent) {
        String p = path(parent, field);
        String v = optionalString(obj, field, parent);
        if (v == null) throw missing(p);
        return v;
    }

    public static String optionalString(JsonNode obj, String field, String parent) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw invalidType(path(parent, field), "a string", v);
        return v.textValue();
    }

    public static Integer optionalInt(JsonNode obj, String field, String parent) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw invalidType(path(parent, field), "an integer", v);
        return v.intValue();
    }

    public static Double optionalNumber(JsonNode obj, String field, String parent) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw invalidType(path(parent, field), "a number", v);
        return v.doubleValue();
    }

    public static Boolean optionalBoolean(JsonNode obj, String field, String parent) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw invalidType(path(parent, field), "a boolean", v);
        return v.booleanValue();
    }

    public static JsonNode optionalObject(JsonNode obj, String field, String parent) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw invalidType(path(parent, field), "an object", v);
        return v;
    }

    public static JsonNode requiredObject(JsonNode obj, String field, String parent) {
        JsonNode v = optionalObject(obj, field, parent);
        if (v == null) throw missing(path(parent, field));
        return v;
    }

    public static JsonNode optionalArray(JsonNode obj, String field, String parent) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw invalidType(path(parent, field), "an array", v);
        return v;
    }

    public static JsonNode requiredArray(JsonNode obj, String field, String parent) {
        JsonNode v = optionalArray(obj, field, parent);
        if (v == null) throw missing(path(parent, field));
        return v;
    }

    /** An array element that must be an object. */
    public static JsonNode objectAt(JsonNode array, int index, String arrayPath) {
        JsonNode v = array.get(index);
        if (!v.isObject()) throw invalidType(path(arrayPath, index), "an object", v);
        return v;
    }

    /**
     * Reads each element of {@code array}, which must be an object, together with its path (e.g. {@code tools[2]});
     * empty when {@code array} is null, so an optional array can be passed straight in.
     */
    public static <T> List<T> mapObjects(JsonNode array, String arrayPath, BiFunction<JsonNode, String, T> read) {
        List<T> out = new ArrayList<>();
        if (array == null) return out;
        for (int i = 0; i < array.size(); i++) out.add(read.apply(objectAt(array, i, arrayPath), path(arrayPath, i)));
        return out;
    }

    /** A string or an array of strings (OpenAI {@code stop}); empty when absent. */
    public static List<String> stringOrStrings(JsonNode obj, String field, String parent) {
        JsonNode v = obj.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        String p = path(parent, field);
        if (v.isTextual()) {
            out.add(v.textValue());
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) throw invalidType(path(p, i), "a string", v.get(i));
                out.add(v.get(i).textValue());
            }
        } else {
            throw invalidType(p, "a string or an array of strings", v);
        }
        return out;
    }

    /** An object whose values are all strings (OpenAI {@code metadata}); empty when absent. */
    public static Map<String, String> stringMap(JsonNode obj, String field, String parent) {
        JsonNode v = optionalObject(obj, field, parent);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) return out;
        String p = path(parent, field);
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isTextual()) throw invalidType(path(p, e.getKey()), "a string", e.getValue());
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** How OpenAI names a JSON value's type in its error messages. */
    public static String typeName(JsonNode v) {
        if (v == null || v.isMissingNode()) return "nothing";
        if (v.isNull()) return "null";
        if (v.isTextual()) return "a string";
        if (v.isIntegralNumber()) return "an integer";
        if (v.isNumber()) return "a decimal";
        if (v.isBoolean()) return "a boolean";
        if (v.isArray()) return "an array";
        if (v.isObject()) return "an object";
        return "an unsupported value";
    }
}
