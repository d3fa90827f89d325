package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.simulator.SimReply.Frame;
import java.util.List;

/**
 * One Responses API response: the request settings it echoes, the model output, and every rendering of it
 * (a snapshot in any status, the finished object, the SSE event sequence). Shapes follow the openai-openapi
 * {@code Response} schema and provider-apis.md A1; required-but-nullable fields are always present.
 */
final class ResponseDraft {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final long createdAt;
    private final String model;
    private final JsonNode request;
    private final ModelOutput output;
    private final boolean background;
    private final String itemId;

    ResponseDraft(String id, long createdAt, String model, JsonNode request, ModelOutput output, boolean background) {
        this.id = id;
        this.createdAt = createdAt;
        this.model = model;
        this.request = request;
        this.output = output;
        this.background = background;
        this.itemId = output.toolCall() != null ? OpenAiIds.functionCall() : OpenAiIds.message();
    }

    String id() { return id; }

    /** The finished status: {@code incomplete} when output stopped at {@code max_output_tokens}. */
    String finalStatus() { return output.truncated() ? "incomplete" : "completed"; }

    /** The response in {@code status} with no output yet (queued, in_progress, cancelled). */
    ObjectNode snapshot(String status) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", id).put("object", "response").put("created_at", createdAt).put("status", status)
                .put("background", background);
        r.putNull("completed_at");
        r.putNull("error");
        r.putNull("incomplete_details");
        r.set("instructions", request.path("instructions").isTextual() ? request.get("instructions") : JSON.nullNode());
        r.set("max_output_tokens", request.path("max_output_tokens").isIntegralNumber() ? request.get("max_output_tokens") : JSON.nullNode());
        r.putNull("max_tool_calls");
        r.put("model", model);
        r.putArray("output");
        r.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        r.set("previous_response_id", request.path("previous_response_id").isTextual() ? request.get("previous_response_id") : JSON.nullNode());
        r.putNull("prompt_cache_key");
        ObjectNode reasoning = r.putObject("reasoning");
        reasoning.putNull("effort");
        reasoning.putNull("summary");
        r.putNull("safety_identifier");
        r.put("service_tier", "default");
        r.put("store", request.path("store").asBoolean(true));
        r.put("temperature", request.path("temperature").asDouble(1.0));
        r.set("text", request.path("text").isObject() ? request.get("text") : defaultText());
        r.set("tool_choice", request.has("tool_choice") ? request.get("tool_choice") : JSON.getNodeFactory().textNode("auto"));
        r.set("tools", echoedTools());
        r.put("top_logprobs", 0);
        r.put("top_p", request.path("top_p").asDouble(1.0));
        r.put("truncation", request.path("truncation").asText("disabled"));
        r.putNull("usage");
        r.set("user", request.path("user").isTextual() ? request.get("user") : JSON.nullNode());
        r.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : JSON.createObjectNode());
        return r;
    }

    /** The finished response with output and usage. */
    ObjectNode finished(long completedAt) {
        ObjectNode r = snapshot(finalStatus());
        if (output.truncated()) {
            r.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            r.put("completed_at", completedAt);
        }
        r.putArray("output").add(item(true));
        ObjectNode usage = r.putObject("usage");
        usage.put("input_tokens", output.inputTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", 0).put("cache_write_tokens", 0);
        usage.put("output_tokens", output.outputTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", output.totalTokens());
        return r;
    }

    /** The full event sequence, {@code response.created} to {@code response.completed}/{@code .incomplete}. */
    List<Frame> events(long completedAt) {
        ResponseEvents ev = new ResponseEvents();
        ev.add(withResponse(ev.event("response.created"), background ? "queued" : "in_progress"), 0);
        if (background) ev.add(withResponse(ev.event("response.queued"), "queued"), 0);
        ev.add(withResponse(ev.event("response.in_progress"), "in_progress"), 0);
        ev.add(ev.event("response.output_item.added").put("output_index", 0).set("item", item(false)), 0);
        if (output.toolCall() != null) {
            ObjectNode sample = ev.event("response.function_call_arguments.delta").put("item_id", itemId)
                    .put("output_index", 0).put("delta", JsonTemplate.holeName(1));
            ev.addAll(sample, output.toolCall().argumentPieces());
            ev.add(ev.event("response.function_call_arguments.done").put("item_id", itemId).put("output_index", 0)
                    .put("name", output.toolCall().name()).put("arguments", output.toolCall().arguments()), 0);
        } else {
            ev.add(located(ev.event("response.content_part.added")).set("part", textPart("")), 0);
            ObjectNode sample = located(ev.event("response.output_text.delta")).put("delta", JsonTemplate.holeName(1));
            sample.putArray("logprobs");
            ev.addAll(sample, output.pieces());
            ObjectNode done = located(ev.event("response.output_text.done")).put("text", output.text());
            done.putArray("logprobs");
            ev.add(done, 0);
            ev.add(located(ev.event("response.content_part.done")).set("part", textPart(output.text())), 0);
        }
        ev.add(ev.event("response.output_item.done").put("output_index", 0).set("item", item(true)), 0);
        ev.add(ev.event("response." + finalStatus()).set("response", finished(completedAt)), 0);
        return ev.frames();
    }

    private ObjectNode withResponse(ObjectNode event, String status) {
        event.set("response", snapshot(status));
        return event;
    }

    private ObjectNode located(ObjectNode event) {
        return event.put("item_id", itemId).put("output_index", 0).put("content_index", 0);
    }

    private ObjectNode item(boolean done) {
        String status = !done ? "in_progress" : output.truncated() ? "incomplete" : "completed";
        ObjectNode item = JSON.createObjectNode().put("id", itemId);
        if (output.toolCall() != null) {
            item.put("type", "function_call").put("status", status)
                    .put("arguments", done ? output.toolCall().arguments() : "")
                    .put("call_id", output.toolCall().callId()).put("name", output.toolCall().name());
        } else {
            item.put("type", "message").put("status", status);
            ArrayNode content = item.putArray("content");
            if (done) content.add(textPart(output.text()));
            item.put("role", "assistant");
        }
        return item;
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = JSON.createObjectNode().put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }

    private static ObjectNode defaultText() {
        ObjectNode text = JSON.createObjectNode();
        text.putObject("format").put("type", "text");
        text.put("verbosity", "medium");
        return text;
    }

    // Function tools come back with strict defaulted to true, as the API reports them.
    private ArrayNode echoedTools() {
        ArrayNode tools = JSON.createArrayNode();
        JsonNode requested = request.path("tools");
        for (JsonNode t : requested) {
            if (t.isObject() && "function".equals(t.path("type").asText())) {
                ObjectNode copy = ((ObjectNode) t).deepCopy();
                if (!copy.has("strict")) copy.put("strict", true);
                if (!copy.has("parameters")) copy.putNull("parameters");
                if (!copy.has("description")) copy.putNull("description");
                tools.add(copy);
            } else {
                tools.add(t);
            }
        }
        return tools;
    }
}
