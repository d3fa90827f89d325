package io.switchboard.providers.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import java.util.function.Function;

/**
 * A {@link WireFormat} put together from its stateless codecs, so each format only names its parts; stream codecs
 * hold per-stream state and are left to the subclass to create.
 */
public abstract class ComposedWireFormat implements WireFormat {
    private final WireFormatId id;
    private final Function<JsonNode, ChatRequest> requestDecoder;
    private final Function<ChatRequest, ObjectNode> requestEncoder;
    private final Function<JsonNode, ChatResponse> responseDecoder;
    private final Function<ChatResponse, ObjectNode> responseEncoder;
    private final ErrorCodec errors;

    protected ComposedWireFormat(WireFormatId id,
                                 Function<JsonNode, ChatRequest> requestDecoder,
                                 Function<ChatRequest, ObjectNode> requestEncoder,
                                 Function<JsonNode, ChatResponse> responseDecoder,
                                 Function<ChatResponse, ObjectNode> responseEncoder,
                                 ErrorCodec errors) {
        this.id = id;
        this.requestDecoder = requestDecoder;
        this.requestEncoder = requestEncoder;
        this.responseDecoder = responseDecoder;
        this.responseEncoder = responseEncoder;
        this.errors = errors;
    }

    @Override
    public final WireFormatId id() { return id; }

    @Override
    public final ChatRequest decodeRequest(JsonNode body) { return requestDecoder.apply(body); }

    @Override
    public final ObjectNode encodeRequest(ChatRequest request) { return requestEncoder.apply(request); }

    @Override
    public final ChatResponse decodeResponse(JsonNode body) { return responseDecoder.apply(body); }

    @Override
    public final ObjectNode encodeResponse(ChatResponse response) { return responseEncoder.apply(response); }

    @Override
    public final ProviderError decodeError(int status, JsonNode body) { return errors.decoder().apply(status, body); }

    @Override
    public final ObjectNode encodeError(ProviderError error) { return errors.encoder().apply(error); }

    @Override
    public final int statusFor(ProviderError error) { return errors.status().applyAsInt(error); }
}
