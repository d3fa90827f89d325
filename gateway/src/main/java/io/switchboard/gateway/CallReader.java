package io.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Relay;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.Switchboard;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link Call} from a client request, refusing bad input with an INVALID_REQUEST error that names
 * the field. Only what the gateway itself needs is checked here (a JSON object, {@code model},
 * {@code stream}, {@code messages}); everything else is the upstream's or the codec's to judge.
 * Messages follow OpenAI's wording for its own 400s.
 */
final class CallReader {
    /** Client headers that mean something upstream. The client's own key headers are never among them. */
    private static final Set<String> FORWARDED = Set.of("anthropic-version", "anthropic-beta", "openai-organization",
            "openai-project", "openai-beta", "idempotency-key");

    private final Switchboard engine;

    CallReader(Switchboard engine) { this.engine = engine; }

    Call read(Endpoint endpoint, String method, String uri, MultiMap headers, byte[] raw, String keyId, String requestId) {
        Call.Builder call = engine.newCall(endpoint.format).requestId(requestId).keyId(keyId).headers(forwarded(headers));
        if (endpoint.relayKind != null) call.relay(new Relay(endpoint.relayKind, method, uri));
        if (!endpoint.modelInBody) return call.body(null, raw.length == 0 ? null : raw).build();

        ObjectNode body = parseObject(raw);
        JsonNode model = body.get("model");
        if (model == null || model.isNull() || (model.isTextual() && model.textValue().isBlank())) {
            throw ProviderException.invalid("you must provide a model parameter", "model");
        }
        if (!model.isTextual()) throw wrongType("model", "a string", model);
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) throw wrongType("stream", "a boolean", stream);
        if (endpoint == Endpoint.CHAT_COMPLETIONS || endpoint == Endpoint.MESSAGES) {
            JsonNode messages = body.get("messages");
            if (messages == null || messages.isNull()) throw ProviderException.invalid("Missing required parameter: 'messages'.", "messages");
            if (!messages.isArray()) throw wrongType("messages", "an array", messages);
        }
        return call.body(body, raw).model(model.textValue()).stream(stream != null && stream.asBoolean()).build();
    }

    static Map<String, String> forwarded(MultiMap headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (FORWARDED.contains(n) || n.startsWith("x-sim-")) out.merge(n, value, (a, b) -> a + "," + b);
        });
        return out;
    }

    private static ObjectNode parseObject(byte[] raw) {
        JsonNode node;
        try {
            node = raw.length == 0 ? null : EngineJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            // Jackson's message quotes the body, which may hold anything: never echo it.
            node = null;
        }
        if (!(node instanceof ObjectNode object)) {
            throw ProviderException.invalid("We could not parse the JSON body of your request. The body must be a JSON object "
                    + "(HINT: check that it is valid JSON and that the Content-Type is application/json).", null);
        }
        return object;
    }

    private static ProviderException wrongType(String param, String expected, JsonNode got) {
        return ProviderException.invalid("Invalid type for '" + param + "': expected " + expected + ", but got "
                + got.getNodeType().name().toLowerCase(Locale.ROOT) + " instead.", param);
    }
}
