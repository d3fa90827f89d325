package io.switchboard.providers.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.StopReason;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.WireIds;
import java.util.ArrayList;
import java.util.List;

/** The non-streamed {@code chat.completion} object (provider-apis.md A2), both directions. */
final class ChatResponseCodec {
    static final String ID_PREFIX = "chatcmpl-";

    ChatResponse decode(JsonNode body) {
        JsonNode choice = body == null ? null : body.path("choices").path(0);
        if (choice == null || !choice.isObject()) {
            throw new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "Upstream chat completion has no choices"));
        }
        JsonNode message = choice.path("message");
        List<ContentPart> content = new ArrayList<>();
        String text = Json.text(message, "content");
        if (text != null && !text.isEmpty()) content.add(new ContentPart.Text(text));
        String refusal = Json.text(message, "refusal");
        if (refusal != null) content.add(new ContentPart.Text(refusal));
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode fn = call.path("function");
            String id = Json.text(call, "id");
            String name = Json.text(fn, "name");
            if (id != null && name != null) content.add(new ContentPart.ToolCall(id, name, Json.text(fn, "arguments")));
        }
        StopReason stop = refusal != null ? StopReason.REFUSAL : ChatFinishReasons.decode(Json.text(choice, "finish_reason"));
        return new ChatResponse(Json.text(body, "id"), Json.text(body, "model"), content, stop, null,
                ChatUsage.decode(body.get("usage")), Json.longValue(body, "created"));
    }

    ObjectNode encode(ChatResponse r) {
        ObjectNode body = Json.object();
        body.put("id", WireIds.withPrefix(r.id(), ID_PREFIX));
        body.put("object", "chat.completion");
        body.put("created", r.createdAt());
        body.put("model", r.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message(r));
        choice.putNull("logprobs");
        choice.put("finish_reason", ChatFinishReasons.encode(r.stopReason()));
        body.set("usage", ChatUsage.encode(r.usage()));
        body.putNull("system_fingerprint");
        return body;
    }

    private static ObjectNode message(ChatResponse r) {
        ObjectNode m = Json.object().put("role", "assistant");
        ArrayNode calls = Json.array();
        for (ContentPart p : r.content()) {
            if (p instanceof ContentPart.ToolCall c) {
                ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
            }
        }
        String text = r.text();
        if (r.stopReason() == StopReason.REFUSAL && !text.isEmpty()) {
            // A refusal's words go where OpenAI SDKs look for them; content is null as in OpenAI's own refusals.
            m.putNull("content");
            m.put("refusal", text);
        } else {
            if (text.isEmpty() && !calls.isEmpty()) m.putNull("content");
            else m.put("content", text);
            m.putNull("refusal");
        }
        if (!calls.isEmpty()) m.set("tool_calls", calls);
        m.putArray("annotations");
        return m;
    }
}
