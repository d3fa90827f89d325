package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.simulator.ModelCatalog;
import io.switchboard.simulator.SimReply;
import io.switchboard.simulator.TokenCounter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code POST /v1/embeddings} (openai-openapi {@code CreateEmbeddingResponse}): one unit vector per input,
 * a pure function of model and text, as floats or base64 little-endian float32 ({@code encoding_format}).
 */
final class Embeddings {
    private static final ObjectMapper JSON = new ObjectMapper();

    SimReply create(JsonNode body) {
        String model = RequestFields.model(body, ModelCatalog::isOpenAiEmbedding);
        int nativeDimensions = model.endsWith("large") ? 3072 : 1536;
        int dimensions = RequestFields.positiveInt(body, nativeDimensions, "dimensions");
        if (dimensions > nativeDimensions) {
            throw OpenAiErrors.invalid("This model does not support specifying dimensions larger than " + nativeDimensions + ".",
                    "dimensions", null);
        }
        String format = body.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw OpenAiErrors.invalid("Invalid value: '" + format + "'. Supported values are: 'float' and 'base64'.",
                    "encoding_format", "invalid_value");
        }
        List<String> inputs = inputs(body);
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = vector(model, inputs.get(i), dimensions);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (format.equals("base64")) {
                item.put("embedding", base64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) values.add(v);
            }
            tokens += TokenCounter.count(model, inputs.get(i));
        }
        root.put("model", model);
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return new SimReply.Json(200, Map.of(), root.toString());
    }

    /** {@code input}: a string, an array of strings, or token arrays (rendered as their numbers). */
    private static List<String> inputs(JsonNode body) {
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) throw OpenAiErrors.missing("input");
        if (input.isTextual()) return List.of(input.asText());
        if (!input.isArray() || input.isEmpty()) throw OpenAiErrors.invalidType("input", "a string or a non-empty array", input);
        List<String> out = new ArrayList<>();
        boolean tokenArray = input.get(0).isIntegralNumber();
        if (tokenArray) return List.of(input.toString());
        for (JsonNode item : input) out.add(item.isTextual() ? item.asText() : item.toString());
        return out;
    }

    static float[] vector(String model, String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(((long) model.hashCode() << 32) ^ text.hashCode() ^ text.length());
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) v[i] *= scale;
        return v;
    }

    private static String base64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) buffer.putFloat(f);
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}
