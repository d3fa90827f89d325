package io.switchboard.providers.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.json.Json;

/**
 * Responses {@code usage} (provider-apis.md A1): {@code input_tokens} is the whole prompt. The details objects
 * may be missing in older payloads, so decoding is lenient.
 */
final class ResponsesUsage {
    private ResponsesUsage() {}

    static Usage decode(JsonNode u) {
        if (u == null || !u.isObject()) return Usage.ZERO;
        JsonNode in = u.get("input_tokens_details");
        return new Usage(Json.longValue(u, "input_tokens"), Json.longValue(u, "output_tokens"),
                Json.longValue(in, "cached_tokens"), Json.longValue(in, "cache_write_tokens"),
                Json.longValue(u.get("output_tokens_details"), "reasoning_tokens"));
    }

    static ObjectNode encode(Usage u) {
        ObjectNode o = Json.object();
        o.put("input_tokens", u.inputTokens());
        o.putObject("input_tokens_details").put("cached_tokens", u.cachedInputTokens()).put("cache_write_tokens", u.cacheWriteTokens());
        o.put("output_tokens", u.outputTokens());
        o.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        o.put("total_tokens", u.totalTokens());
        return o;
    }
}
