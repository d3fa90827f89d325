package io.switchboard.providers.anthropic;

import io.switchboard.core.model.StopReason;

/** Anthropic {@code stop_reason} ↔ {@link StopReason}; the names map one to one (provider-apis.md B1). */
final class MessagesStopReasons {
    private MessagesStopReasons() {}

    static StopReason decode(String reason) {
        if (reason == null) return null;
        return switch (reason) {
            case "max_tokens" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "tool_use" -> StopReason.TOOL_USE;
            case "refusal" -> StopReason.REFUSAL;
            case "pause_turn" -> StopReason.PAUSE_TURN;
            case "model_context_window_exceeded" -> StopReason.CONTEXT_WINDOW_EXCEEDED;
            default -> StopReason.END_TURN;
        };
    }

    static String encode(StopReason reason) {
        if (reason == null) return "end_turn";
        return switch (reason) {
            case END_TURN -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_USE -> "tool_use";
            // Anthropic has no content filter stop; its safety stop is "refusal".
            case REFUSAL, CONTENT_FILTER -> "refusal";
            case PAUSE_TURN -> "pause_turn";
            case CONTEXT_WINDOW_EXCEEDED -> "model_context_window_exceeded";
        };
    }
}
