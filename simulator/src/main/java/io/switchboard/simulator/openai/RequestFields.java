package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/** Reads and validates request fields, failing with OpenAI's own 400/404 bodies. */
final class RequestFields {
    private RequestFields() {}

    /** The {@code model}: present, a string, and one {@code known} accepts (else 404 model_not_found). */
    static String model(JsonNode body, Predicate<String> known) {
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw OpenAiErrors.invalid("you must provide a model parameter", "model", "missing_required_parameter");
        }
        if (!model.isTextual()) throw OpenAiErrors.invalidType("model", "a string", model);
        String name = model.asText();
        if (!known.test(name)) throw OpenAiErrors.modelNotFound(name);
        return name;
    }

    /** A required, non-empty array. */
    static JsonNode nonEmptyArray(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) throw OpenAiErrors.missing(name);
        if (!value.isArray()) throw OpenAiErrors.invalidType(name, "an array", value);
        if (value.isEmpty()) {
            throw OpenAiErrors.invalid("Invalid '" + name + "': empty array. Expected an array with minimum length 1, "
                    + "but got an empty array instead.", name, "empty_array");
        }
        return value;
    }

    /** The first present of {@code names} as a positive integer, or {@code fallback}. */
    static int positiveInt(JsonNode body, int fallback, String... names) {
        for (String name : names) {
            JsonNode value = body.get(name);
            if (value == null || value.isNull()) continue;
            if (!value.isIntegralNumber()) throw OpenAiErrors.invalidType(name, "an integer", value);
            if (value.asLong() < 1) {
                throw OpenAiErrors.invalid("Invalid '" + name + "': integer below minimum value. Expected a value >= 1, but got "
                        + value.asLong() + " instead.", name, "integer_below_min_value");
            }
            return (int) Math.min(Integer.MAX_VALUE, value.asLong());
        }
        return fallback;
    }

    /** An optional boolean, false when absent. */
    static boolean flag(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw OpenAiErrors.invalidType(name, "a boolean", value);
        return value.asBoolean();
    }

    /** Text of a content value: a string, or the {@code text} of each part of an array, joined. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                JsonNode t = part.isTextual() ? part : part.get("text");
                if (t != null && t.isTextual()) {
                    if (!sb.isEmpty()) sb.append('\n');
                    sb.append(t.asText());
                }
            }
            return sb.toString();
        }
        return content.toString();
    }
}
