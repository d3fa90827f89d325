package io.switchboard.providers.openai.chat;

import io.switchboard.core.model.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.providers.openai.OpenAiErrors;
import io.switchboard.providers.wire.ComposedWireFormat;

/**
 * OpenAI Chat Completions ({@code POST /v1/chat/completions}), following provider-apis.md A2/A3 and the
 * openai-openapi spec. Stateless and thread-safe; stream codecs are made per stream.
 */
public final class OpenAiChatFormat extends ComposedWireFormat {
    public OpenAiChatFormat() { this(new ChatResponseCodec()); }

    private OpenAiChatFormat(ChatResponseCodec responses) {
        super(WireFormatId.OPENAI_CHAT, new ChatRequestDecoder()::decode, new ChatRequestEncoder()::encode,
                responses::decode, responses::encode, OpenAiErrors.CODEC);
    }

    @Override
    public Usage decodeUsage(JsonNode usage) { return ChatUsage.decode(usage); }

    @Override
    public StreamDecoder newStreamDecoder() { return new ChatStreamDecoder(); }

    @Override
    public StreamEncoder newStreamEncoder() { return new ChatStreamEncoder(); }
}
