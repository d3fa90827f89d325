package io.switchboard.providers.openai.responses;

import io.switchboard.core.model.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.providers.openai.OpenAiErrors;
import io.switchboard.providers.wire.ComposedWireFormat;

/**
 * OpenAI Responses ({@code POST /v1/responses}), following provider-apis.md A1/A3 and the openai-openapi spec.
 * A Response object repeats the request's settings ({@code instructions}, {@code tools}, …); the overloads
 * taking the client's {@link ChatRequest} fill them in, the {@link WireFormat} methods use OpenAI's defaults.
 * {@link #encodeRequest} throws {@link io.switchboard.core.model.ProviderException} if the request has stop
 * sequences, which Responses lacks. Stateless and thread-safe; stream codecs are made per stream.
 */
public final class OpenAiResponsesFormat extends ComposedWireFormat {
    private final ResponsesResponseCodec responseCodec;

    public OpenAiResponsesFormat() { this(new ResponsesResponseCodec()); }

    private OpenAiResponsesFormat(ResponsesResponseCodec responses) {
        super(WireFormatId.OPENAI_RESPONSES, new ResponsesRequestDecoder()::decode, new ResponsesRequestEncoder()::encode,
                responses::decode, response -> responses.encode(response, null), OpenAiErrors.CODEC);
        this.responseCodec = responses;
    }

    /** The Response object for {@code response}, echoing the settings of the client's {@code request}. */
    public ObjectNode encodeResponse(ChatResponse response, ChatRequest request) { return responseCodec.encode(response, request); }

    @Override
    public Usage decodeUsage(JsonNode usage) { return ResponsesUsage.decode(usage); }

    @Override
    public StreamDecoder newStreamDecoder() { return new ResponsesStreamDecoder(); }

    @Override
    public StreamEncoder newStreamEncoder() { return new ResponsesStreamEncoder(null); }

    /** A stream encoder whose Response objects echo the settings of the client's {@code request}. */
    public StreamEncoder newStreamEncoder(ChatRequest request) { return new ResponsesStreamEncoder(request); }
}
