package io.switchboard.providers;

import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.providers.anthropic.AnthropicMessagesFormat;
import io.switchboard.providers.openai.chat.OpenAiChatFormat;
import io.switchboard.providers.openai.responses.OpenAiResponsesFormat;

/** The shared, thread-safe codec of each wire format (the Anthropic one stamps times from the system UTC clock). */
public final class WireFormats {
    private static final OpenAiChatFormat OPENAI_CHAT = new OpenAiChatFormat();
    private static final OpenAiResponsesFormat OPENAI_RESPONSES = new OpenAiResponsesFormat();
    private static final AnthropicMessagesFormat ANTHROPIC_MESSAGES = new AnthropicMessagesFormat();

    private WireFormats() {}

    public static WireFormat of(WireFormatId id) {
        return switch (id) {
            case OPENAI_CHAT -> OPENAI_CHAT;
            case OPENAI_RESPONSES -> OPENAI_RESPONSES;
            case ANTHROPIC_MESSAGES -> ANTHROPIC_MESSAGES;
        };
    }
}
