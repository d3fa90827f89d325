package io.switchboard.providers.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.json.Json;

/**
 * Chat Completions {@code usage}: {@code prompt_tokens} includes cached tokens, as the neutral {@link Usage} does.
 * Chat has no cache-write count, so cache writes stay inside {@code prompt_tokens}.
 */
final class ChatUsage {
    private ChatUsage() {}

    static Usage decode(JsonNode u) {
        if (u == null || !u.isObject()) return Usage.ZERO;
        return new Usage(Json.longValue(u, "prompt_tokens"), Json.longValue(u, "completion_tokens"),
                Json.longValue(u.get("prompt_tokens_details"), "cached_tokens"), 0,
                Json.longValue(u.get("completion_tokens_details"), "reasoning_tokens"));
    }

    static ObjectNode encode(Usage u) {
        ObjectNode o = Json.object();
        o.put("prompt_tokens", u.inputTokens());
        o.put("completion_tokens", u.outputTokens());
        o.put("total_tokens", u.totalTokens());
        o.putObject("prompt_tokens_details").put("cached_tokens", u.cachedInputTokens()).put("audio_tokens", 0);
        o.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens()).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return o;
    }
}
