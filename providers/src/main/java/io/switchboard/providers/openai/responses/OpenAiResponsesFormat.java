package io.switchboard.providers.openai.responses;

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
 * OpenAI Responses ({@code POST /v1/responses}), following provider-apis.md A1/A3 and the openai-openapi spec.
 * A Response object repeats the request's settings ({@code instructions}, {@code tools}, …); the overloads
 * taking the client's {@link ChatRequest} fill them in, the {@link WireFormat} methods use OpenAI's defaults.
 * Stateless and thread-safe; stream codecs are made per stream.
 */
public final class OpenAiResponsesFormat implements WireFormat {
    private final ResponsesRequestDecoder requestDecoder = new ResponsesRequestDecoder();
    private final ResponsesRequestEncoder requestEncoder = new ResponsesRequestEncoder();
    private final ResponsesResponseCodec responseCodec = new ResponsesResponseCodec();

    @Override
    public WireFormatId id() { return WireFormatId.OPENAI_RESPONSES; }

    @Override
    public ChatRequest decodeRequest(JsonNode body) { return requestDecoder.decode(body); }

    /** @throws io.switchboard.core.model.ProviderException if the request has stop sequences, which Responses lacks */
    @Override
    public ObjectNode encodeRequest(ChatRequest request) { return requestEncoder.encode(request); }

    @Override
    public ChatResponse decodeResponse(JsonNode body) { return responseCodec.decode(body); }

    @Override
    public ObjectNode encodeResponse(ChatResponse response) { return responseCodec.encode(response, null); }

    /** The Response object for {@code response}, echoing the settings of the client's {@code request}. */
    public ObjectNode encodeResponse(ChatResponse response, ChatRequest request) { return responseCodec.encode(response, request); }

    @Override
    public StreamDecoder newStreamDecoder() { return new ResponsesStreamDecoder(); }

    @Override
    public StreamEncoder newStreamEncoder() { return new ResponsesStreamEncoder(null); }

    /** A stream encoder whose Response objects echo the settings of the client's {@code request}. */
    public StreamEncoder newStreamEncoder(ChatRequest request) { return new ResponsesStreamEncoder(request); }

    @Override
    public ProviderError decodeError(int status, JsonNode body) { return OpenAiErrors.decode(status, body); }

    @Override
    public ObjectNode encodeError(ProviderError error) { return OpenAiErrors.encode(error); }

    @Override
    public int statusFor(ProviderError error) { return OpenAiErrors.statusFor(error); }
}
