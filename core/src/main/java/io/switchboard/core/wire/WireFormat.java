package io.switchboard.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.Usage;

/**
 * One provider wire format, both directions. Implementations live in the {@code providers} module, one
 * package per format, and are stateless and thread-safe (stream codecs are made per stream).
 * Decoding bad client input throws {@link io.switchboard.core.model.ProviderException} with an
 * {@code INVALID_REQUEST} error naming the bad field in {@code param}.
 */
public interface WireFormat {
    WireFormatId id();

    ChatRequest decodeRequest(JsonNode body);

    /** The wire body for {@code request}, addressed to {@code request.model()}. */
    ObjectNode encodeRequest(ChatRequest request);

    ChatResponse decodeResponse(JsonNode body);

    ObjectNode encodeResponse(ChatResponse response);

    /**
     * The neutral usage of this format's {@code usage} object, as a response carries it at its top level; lets
     * a gateway bill a passed-through answer without decoding all of it.
     */
    Usage decodeUsage(JsonNode usage);

    StreamDecoder newStreamDecoder();

    StreamEncoder newStreamEncoder();

    /** The neutral error for an upstream error answer; {@code body} may be null or not this format's shape. */
    ProviderError decodeError(int status, JsonNode body);

    /** This format's error body for {@code error}. */
    ObjectNode encodeError(ProviderError error);

    /** The HTTP status this format uses for {@code error} (e.g. OpenAI answers an overload with 503, Anthropic with 529). */
    int statusFor(ProviderError error);
}
