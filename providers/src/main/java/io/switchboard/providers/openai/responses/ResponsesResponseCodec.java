package io.switchboard.providers.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
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

/** The non-streamed Response object (provider-apis.md A1), both directions. */
final class ResponsesResponseCodec {

    ChatResponse decode(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("output").isArray()) {
            throw new ProviderException(ProviderError.of(ErrorKind.BAD_GATEWAY, "Upstream response has no output array"));
        }
        if ("failed".equals(Json.text(body, "status"))) throw new ProviderException(ResponsesErrors.decode(body.path("error")));
        List<ContentPart> content = new ArrayList<>();
        boolean refusal = false;
        boolean toolCall = false;
        for (JsonNode item : body.get("output")) {
            String type = Json.text(item, "type");
            if ("message".equals(type)) {
                for (JsonNode part : item.path("content")) {
                    String partType = Json.text(part, "type");
                    if ("output_text".equals(partType)) {
                        content.add(new ContentPart.Text(Json.text(part, "text") == null ? "" : Json.text(part, "text")));
                    } else if ("refusal".equals(partType) && Json.text(part, "refusal") != null) {
                        refusal = true;
                        content.add(new ContentPart.Text(Json.text(part, "refusal")));
                    }
                }
            } else if ("function_call".equals(type) && Json.text(item, "call_id") != null && Json.text(item, "name") != null) {
                toolCall = true;
                content.add(new ContentPart.ToolCall(Json.text(item, "call_id"), Json.text(item, "name"), Json.text(item, "arguments")));
            }
        }
        return new ChatResponse(Json.text(body, "id"), Json.text(body, "model"), content,
                stopReason(body, refusal, toolCall), null, ResponsesUsage.decode(body.get("usage")), Json.longValue(body, "created_at"));
    }

    /** The stop reason of a finished Response, which has none of its own: its status, then what its output held. */
    static StopReason stopReason(JsonNode body, boolean refusal, boolean toolCall) {
        if ("incomplete".equals(Json.text(body, "status"))) {
            return "content_filter".equals(Json.text(body.path("incomplete_details"), "reason"))
                    ? StopReason.CONTENT_FILTER : StopReason.MAX_TOKENS;
        }
        if (toolCall) return StopReason.TOOL_USE;
        return refusal ? StopReason.REFUSAL : StopReason.END_TURN;
    }

    ObjectNode encode(ChatResponse r, ChatRequest echo) {
        String id = WireIds.withPrefix(r.id(), ResponseObjects.ID_PREFIX);
        ArrayNode output = Json.array();
        int n = 0;
        for (ContentPart p : r.content()) {
            if (p instanceof ContentPart.Text t) {
                ArrayNode parts = Json.array();
                parts.add(r.stopReason() == StopReason.REFUSAL ? ResponseObjects.refusal(t.text()) : ResponseObjects.outputText(t.text()));
                output.add(ResponseObjects.messageItem(itemId("msg_", id, n++), "completed", parts));
            } else if (p instanceof ContentPart.ToolCall c) {
                output.add(ResponseObjects.functionCall(itemId("fc_", id, n++), c.id(), c.name(), c.argumentsJson(), "completed"));
            }
        }
        String status = ResponseObjects.status(r.stopReason());
        return ResponseObjects.response(id, r.createdAt(), r.model(), status, output, r.stopReason(), r.usage(), echo);
    }

    /** Output item ids derived from the response id, so the same answer always gets the same ids. */
    static String itemId(String prefix, String responseId, int n) { return prefix + WireIds.unique(responseId) + "_" + n; }
}
