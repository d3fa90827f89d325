package io.switchboard.providers.openai.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.Tool;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.json.Json;
import java.util.Map;

/**
 * Builds the Response object and its output items (provider-apis.md A1), shared by the non-streamed answer and
 * the stream's {@code response.*} events. A Response echoes the request's settings; when the request is not
 * known ({@code echo} null) OpenAI's defaults stand in.
 */
final class ResponseObjects {
    static final String ID_PREFIX = "resp_";

    private ResponseObjects() {}

    /** The Response object; {@code usage} may be null (in-progress events carry none). */
    static ObjectNode response(String id, long createdAt, String model, String status, ArrayNode output,
                               StopReason stopReason, Usage usage, ChatRequest echo) {
        ObjectNode r = Json.object();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", status);
        r.put("background", false);
        r.putNull("error");
        String incomplete = "incomplete".equals(status) ? incompleteReason(stopReason) : null;
        if (incomplete != null) r.putObject("incomplete_details").put("reason", incomplete);
        else r.putNull("incomplete_details");
        r.put("instructions", echo == null ? null : echo.system());
        if (echo != null && echo.maxTokens() != null) r.put("max_output_tokens", echo.maxTokens());
        else r.putNull("max_output_tokens");
        ObjectNode metadata = r.putObject("metadata");
        if (echo != null) for (Map.Entry<String, String> e : echo.metadata().entrySet()) metadata.put(e.getKey(), e.getValue());
        r.put("model", model);
        r.set("output", output);
        r.put("parallel_tool_calls", echo == null || echo.parallelToolCalls() == null || echo.parallelToolCalls());
        r.putNull("previous_response_id");
        r.putObject("reasoning").putNull("effort").putNull("summary");
        r.put("store", false);
        r.put("temperature", echo == null || echo.temperature() == null ? 1.0 : echo.temperature());
        r.putObject("text").set("format", echo == null || echo.responseFormat() == null
                ? Json.object().put("type", "text") : ResponsesRequestEncoder.format(echo.responseFormat()));
        r.set("tool_choice", echo == null || echo.toolChoice() == null
                ? Json.NODES.textNode("auto") : ResponsesRequestEncoder.toolChoice(echo.toolChoice()));
        r.set("tools", tools(echo));
        r.put("top_p", echo == null || echo.topP() == null ? 1.0 : echo.topP());
        r.put("truncation", "disabled");
        if (usage != null) r.set("usage", ResponsesUsage.encode(usage));
        else r.putNull("usage");
        r.put("user", echo == null ? null : echo.user());
        return r;
    }

    /** {@code completed}, or {@code incomplete} when generation was cut short. */
    static String status(StopReason reason) { return incompleteReason(reason) != null ? "incomplete" : "completed"; }

    private static String incompleteReason(StopReason reason) {
        if (reason == null) return null;
        return switch (reason) {
            case MAX_TOKENS, CONTEXT_WINDOW_EXCEEDED -> "max_output_tokens";
            case CONTENT_FILTER -> "content_filter";
            default -> null;
        };
    }

    private static ArrayNode tools(ChatRequest echo) {
        ArrayNode tools = Json.array();
        if (echo == null) return tools;
        for (Tool t : echo.tools()) {
            ObjectNode o = tools.addObject().put("type", "function").put("name", t.name());
            o.put("description", t.description());
            o.set("parameters", t.parameters() != null ? t.parameters().deepCopy() : Json.object().put("type", "object"));
            o.put("strict", Boolean.TRUE.equals(t.strict()));
        }
        return tools;
    }

    static ObjectNode messageItem(String id, String status, ArrayNode content) {
        ObjectNode item = Json.object().put("id", id).put("type", "message").put("status", status).put("role", "assistant");
        item.set("content", content);
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode refusal(String text) { return Json.object().put("type", "refusal").put("refusal", text); }

    static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        return Json.object().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", name);
    }
}
