package io.switchboard.providers.anthropic;

import io.switchboard.core.model.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.providers.wire.ComposedWireFormat;
import java.time.Clock;
import java.util.Objects;

/**
 * Anthropic Messages ({@code POST /v1/messages}), following provider-apis.md part B. Stateless and thread-safe;
 * stream codecs are made per stream. The clock stamps {@code createdAt}, which Anthropic answers do not carry.
 */
public final class AnthropicMessagesFormat extends ComposedWireFormat {
    /** {@code max_tokens} sent when the neutral request has none; Anthropic requires the field. */
    public static final int DEFAULT_MAX_TOKENS = MessagesRequestEncoder.DEFAULT_MAX_TOKENS;

    private final Clock clock;

    public AnthropicMessagesFormat() { this(Clock.systemUTC()); }

    public AnthropicMessagesFormat(Clock clock) { this(Objects.requireNonNull(clock, "clock"), new MessagesResponseCodec(clock)); }

    private AnthropicMessagesFormat(Clock clock, MessagesResponseCodec responses) {
        super(WireFormatId.ANTHROPIC_MESSAGES, new MessagesRequestDecoder()::decode, new MessagesRequestEncoder()::encode,
                responses::decode, responses::encode, MessagesErrors.CODEC);
        this.clock = clock;
    }

    @Override
    public Usage decodeUsage(JsonNode usage) { return MessagesUsage.decode(usage); }

    @Override
    public StreamDecoder newStreamDecoder() { return new MessagesStreamDecoder(clock); }

    @Override
    public StreamEncoder newStreamEncoder() { return new MessagesStreamEncoder(); }
}
