package io.switchboard.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.WireIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The non-streamed Anthropic {@code message} object (provider-apis.md B1), both directions. Anthropic messages
 * carry no creation time, so the decoder stamps {@code createdAt} from the injected clock.
 */
final class MessagesResponseCodec {
    static final String ID_PREFIX = "msg_";

    private final Clock clock;

    MessagesResponseCodec(Clock clock) { this.clock = clock; }

    ChatResponse decode(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("content").isArray()) {
            throw new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "Upstream message has no content array"));
        }
        List<ContentPart> content = new ArrayList<>();
        for (JsonNode b : body.get("content")) {
            ContentPart part = block(b);
            if (part != null) content.add(part);
        }
        return new ChatResponse(Json.text(body, "id"), Json.text(body, "model"), content,
                MessagesStopReasons.decode(Json.text(body, "stop_reason")), Json.text(body, "stop_sequence"),
                MessagesUsage.decode(body.get("usage")), clock.instant().getEpochSecond());
    }

    /** A response content block; server-side tool blocks and redacted thinking have no neutral form. */
    private static ContentPart block(JsonNode b) {
        String type = Json.text(b, "type");
        if (type == null) return null;
        return switch (type) {
            case "text" -> new ContentPart.Text(Json.text(b, "text") == null ? "" : Json.text(b, "text"));
            case "tool_use" -> {
                String id = Json.text(b, "id");
                String name = Json.text(b, "name");
                yield id == null || name == null ? null
                        : new ContentPart.ToolCall(id, name, b.has("input") ? Json.write(b.get("input")) : "{}");
            }
            case "thinking" -> new ContentPart.Thinking(Json.text(b, "thinking"), Json.text(b, "signature"));
            default -> null;
        };
    }

    ObjectNode encode(ChatResponse r) {
        ObjectNode body = Json.object();
        body.put("id", WireIds.withPrefix(r.id(), ID_PREFIX));
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", r.model());
        ArrayNode content = body.putArray("content");
        for (ContentPart p : r.content()) {
            switch (p) {
                case ContentPart.Text t -> content.addObject().put("type", "text").put("text", t.text());
                case ContentPart.ToolCall c -> {
                    ObjectNode b = content.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name());
                    b.set("input", input(c.argumentsJson()));
                }
                case ContentPart.Thinking th -> {
                    if (th.signature() != null) {
                        content.addObject().put("type", "thinking").put("thinking", th.text()).put("signature", th.signature());
                    }
                }
                case ContentPart.Image ignored -> { }
                case ContentPart.ToolResult ignored -> { }
            }
        }
        body.put("stop_reason", MessagesStopReasons.encode(r.stopReason()));
        body.put("stop_sequence", r.stopSequence());
        body.set("usage", MessagesUsage.encode(r.usage()));
        return body;
    }

    /**
     * Tool input as an object. A model may emit malformed arguments (OpenAI does not validate them); the
     * client then sees an empty object rather than a failed response, since the text cannot be an input.
     */
    private static JsonNode input(String argumentsJson) {
        JsonNode input = inputOrNull(argumentsJson);
        return input != null ? input : Json.object();
    }

    /** Tool-call arguments parsed as a {@code tool_use} input, or null when they are not a JSON object. */
    static JsonNode inputOrNull(String argumentsJson) {
        try {
            JsonNode input = Json.parse(argumentsJson);
            return input.isObject() ? input : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
