package io.switchboard.engine.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.wire.WireFormatId;

/**
 * Where each client format keeps its output limit, to lower it when a budget can only pay for part of it.
 * OpenAI Chat: {@code max_completion_tokens}, or the older {@code max_tokens} when that is what the client
 * sent; Responses: {@code max_output_tokens} (at least 16, per the OpenAI API reference); Anthropic Messages:
 * {@code max_tokens} (at least 1).
 */
final class MaxTokensField {
    private MaxTokensField() {}

    /** The smallest limit the format accepts. */
    static int minimum(WireFormatId format) { return format == WireFormatId.OPENAI_RESPONSES ? 16 : 1; }

    /** A copy of {@code body} asking for at most {@code maxTokens} output tokens. */
    static ObjectNode withLimit(WireFormatId format, ObjectNode body, int maxTokens) {
        ObjectNode copy = body.deepCopy();
        String field = switch (format) {
            case OPENAI_RESPONSES -> "max_output_tokens";
            case ANTHROPIC_MESSAGES -> "max_tokens";
            case OPENAI_CHAT -> isSet(body, "max_tokens") && !isSet(body, "max_completion_tokens") ? "max_tokens" : "max_completion_tokens";
        };
        copy.put(field, maxTokens);
        return copy;
    }

    private static boolean isSet(JsonNode body, String field) { return body.hasNonNull(field); }
}
