package io.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import java.time.Clock;
import java.util.Objects;

/**
 * Anthropic Messages ({@code POST /v1/messages}), following provider-apis.md part B. Stateless and thread-safe;
 * stream codecs are made per stream. The clock stamps {@code createdAt}, which Anthropic answers do not carry.
 */
public final class AnthropicMessagesFormat implements WireFormat {
    /** {@code max_tokens} sent when the neutral request has none; Anthropic requires the field. */
    public static final int DEFAULT_MAX_TOKENS = MessagesRequestEncoder.DEFAULT_MAX_TOKENS;

    private final Clock clock;
    private final MessagesRequestDecoder requestDecoder = new MessagesRequestDecoder();
    private final MessagesRequestEncoder requestEncoder = new MessagesRequestEncoder();
    private final MessagesResponseCodec responseCodec;

    public AnthropicMessagesFormat() { this(Clock.systemUTC()); }

    public AnthropicMessagesFormat(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.responseCodec = new MessagesResponseCodec(clock);
    }

    @Override
    public WireFormatId id() { return WireFormatId.ANTHROPIC_MESSAGES; }

    @Override
    public ChatRequest decodeRequest(JsonNode body) { return requestDecoder.decode(body); }

    @Override
    public ObjectNode encodeRequest(ChatRequest request) { return requestEncoder.encode(request); }

    @Override
    public ChatResponse decodeResponse(JsonNode body) { return responseCodec.decode(body); }

    @Override
    public ObjectNode encodeResponse(ChatResponse response) { return responseCodec.encode(response); }

    @Override
    public StreamDecoder newStreamDecoder() { return new MessagesStreamDecoder(clock); }

    @Override
    public StreamEncoder newStreamEncoder() { return new MessagesStreamEncoder(); }

    @Override
    public ProviderError decodeError(int status, JsonNode body) { return MessagesErrors.decode(status, body); }

    @Override
    public ObjectNode encodeError(ProviderError error) { return MessagesErrors.encode(error); }

    @Override
    public int statusFor(ProviderError error) { return MessagesErrors.statusFor(error); }
}
