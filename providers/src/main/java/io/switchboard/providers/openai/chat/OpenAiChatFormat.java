package io.switchboard.providers.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.providers.openai.OpenAiErrors;

/**
 * OpenAI Chat Completions ({@code POST /v1/chat/completions}), following provider-apis.md A2/A3 and the
 * openai-openapi spec. Stateless and thread-safe; stream codecs are made per stream.
 */
public final class OpenAiChatFormat implements WireFormat {
    private final ChatRequestDecoder requestDecoder = new ChatRequestDecoder();
    private final ChatRequestEncoder requestEncoder = new ChatRequestEncoder();
    private final ChatResponseCodec responseCodec = new ChatResponseCodec();

    @Override
    public WireFormatId id() { return WireFormatId.OPENAI_CHAT; }

    @Override
    public ChatRequest decodeRequest(JsonNode body) { return requestDecoder.decode(body); }

    @Override
    public ObjectNode encodeRequest(ChatRequest request) { return requestEncoder.encode(request); }

    @Override
    public ChatResponse decodeResponse(JsonNode body) { return responseCodec.decode(body); }

    @Override
    public ObjectNode encodeResponse(ChatResponse response) { return responseCodec.encode(response); }

    @Override
    public StreamDecoder newStreamDecoder() { return new ChatStreamDecoder(); }

    @Override
    public StreamEncoder newStreamEncoder() { return new ChatStreamEncoder(); }

    @Override
    public ProviderError decodeError(int status, JsonNode body) { return OpenAiErrors.decode(status, body); }

    @Override
    public ObjectNode encodeError(ProviderError error) { return OpenAiErrors.encode(error); }

    @Override
    public int statusFor(ProviderError error) { return OpenAiErrors.statusFor(error); }
}
