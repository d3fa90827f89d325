package io.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.json.Json;

/**
 * Anthropic {@code usage}. Its {@code input_tokens} counts only the uncached part of the prompt
 * (provider-apis.md B1), so the neutral {@code inputTokens} adds cache writes and reads back in.
 */
final class MessagesUsage {
    private MessagesUsage() {}

    static Usage decode(JsonNode u) {
        if (u == null || !u.isObject()) return Usage.ZERO;
        long write = Json.longValue(u, "cache_creation_input_tokens");
        long read = Json.longValue(u, "cache_read_input_tokens");
        return new Usage(Json.longValue(u, "input_tokens") + write + read, Json.longValue(u, "output_tokens"), read, write,
                Json.longValue(u.get("output_tokens_details"), "thinking_tokens"));
    }

    /**
     * {@code message_delta} usage is cumulative and carries {@code output_tokens}; the input fields may be
     * repeated or left out, in which case the {@code message_start} values stand.
     */
    static Usage merge(Usage start, JsonNode delta) {
        if (delta == null || !delta.isObject()) return start;
        long uncached = Json.has(delta, "input_tokens") ? Json.longValue(delta, "input_tokens") : start.uncachedInputTokens();
        long write = Json.has(delta, "cache_creation_input_tokens")
                ? Json.longValue(delta, "cache_creation_input_tokens") : start.cacheWriteTokens();
        long read = Json.has(delta, "cache_read_input_tokens")
                ? Json.longValue(delta, "cache_read_input_tokens") : start.cachedInputTokens();
        long output = Json.has(delta, "output_tokens") ? Json.longValue(delta, "output_tokens") : start.outputTokens();
        JsonNode details = delta.get("output_tokens_details");
        long thinking = Json.has(details, "thinking_tokens") ? Json.longValue(details, "thinking_tokens") : start.reasoningTokens();
        return new Usage(uncached + write + read, output, read, write, thinking);
    }

    static ObjectNode encode(Usage u) {
        ObjectNode o = Json.object();
        o.put("input_tokens", u.uncachedInputTokens());
        o.put("cache_creation_input_tokens", u.cacheWriteTokens());
        o.put("cache_read_input_tokens", u.cachedInputTokens());
        o.put("output_tokens", u.outputTokens());
        return o;
    }
}
