package io.switchboard.providers.openai.chat;

import io.switchboard.core.model.StopReason;

/** {@code finish_reason} ↔ {@link StopReason}, per the mapping in the {@link StopReason} Javadoc. */
final class ChatFinishReasons {
    private ChatFinishReasons() {}

    static StopReason decode(String finishReason) {
        if (finishReason == null) return StopReason.END_TURN;
        return switch (finishReason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            default -> StopReason.END_TURN;
        };
    }

    static String encode(StopReason reason) {
        if (reason == null) return "stop";
        return switch (reason) {
            case MAX_TOKENS, CONTEXT_WINDOW_EXCEEDED -> "length";
            case TOOL_USE -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            // OpenAI reports its own refusals with finish_reason "stop" and the text in message.refusal.
            case END_TURN, STOP_SEQUENCE, REFUSAL, PAUSE_TURN -> "stop";
        };
    }
}
