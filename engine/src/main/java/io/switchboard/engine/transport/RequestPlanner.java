package io.switchboard.engine.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.chain.Call;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.config.ProviderConfig;

/**
 * Decides what one attempt sends. When the client already speaks the target provider's API the body goes
 * out byte for byte, or with only {@code model} replaced when a route alias was resolved, so fields this
 * gateway has never heard of still reach the provider. Otherwise the request is translated through the
 * neutral model: client decode, new model, upstream encode. A client of OpenAI Responses served by
 * Anthropic goes through Messages; an Anthropic client served by OpenAI goes through Chat Completions.
 */
final class RequestPlanner {
    private final WireFormatLookup formats;

    RequestPlanner(WireFormatLookup formats) { this.formats = formats; }

    UpstreamRequest plan(Call call, ProviderConfig provider, UpstreamEndpoint endpoint) {
        if (call.relay() != null) {
            byte[] body = passThroughBody(call);
            return new UpstreamRequest(call.relay().method(), endpoint.uri(call.relay().pathAndQuery()),
                    UpstreamHeaders.of(call, provider, body != null), body, null, false);
        }
        boolean sameApi = call.clientFormat().provider().equals(provider.kind());
        WireFormatId upstreamFormat = sameApi ? call.clientFormat() : WireFormatLookup.nativeFormat(provider.kind());
        byte[] body = sameApi ? passThroughBody(call) : translatedBody(call, upstreamFormat);
        return new UpstreamRequest("POST", endpoint.uri(upstreamFormat.path()), UpstreamHeaders.of(call, provider, true),
                body, upstreamFormat, !sameApi);
    }

    /** The client's bytes, unless the target model differs from the one in the body. */
    static byte[] passThroughBody(Call call) {
        if (call.body() == null) return call.rawBody();
        String targetModel = call.target() == null ? "" : call.target().model();
        JsonNode sent = call.body().get("model");
        boolean sameModel = targetModel.isEmpty() || (sent != null && sent.isTextual() && targetModel.equals(sent.textValue()));
        if (sameModel && call.rawBody() != null) return call.rawBody();
        if (call.rawBody() != null) {
            byte[] spliced = ModelFieldSplice.apply(call.rawBody(), targetModel);
            if (spliced != null) return spliced;
        }
        ObjectNode edited = call.body().deepCopy();
        if (!sameModel) edited.put("model", targetModel);
        return EngineJson.bytes(edited);
    }

    private byte[] translatedBody(Call call, WireFormatId upstreamFormat) {
        WireFormat client = formats.of(call.clientFormat());
        ChatRequest neutral = client.decodeRequest(call.body()).withModel(call.target().model());
        ObjectNode out = formats.of(upstreamFormat).encodeRequest(neutral);
        if (neutral.stream() && upstreamFormat == WireFormatId.OPENAI_CHAT) {
            // Without it OpenAI streams no usage, and the client's format (and cost accounting) needs it.
            out.withObjectProperty("stream_options").put("include_usage", true);
        }
        return EngineJson.bytes(out);
    }
}
