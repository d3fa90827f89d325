package io.switchboard.providers.openai.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.Tool;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.ImageUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a Chat Completions request body (provider-apis.md A2) from a neutral request. */
final class ChatRequestEncoder {
    /** OpenAI has no error flag on tool messages; this prefix keeps the failure visible to the model. */
    static final String TOOL_ERROR_PREFIX = "Error: ";

    ObjectNode encode(ChatRequest r) {
        ObjectNode body = Json.object();
        body.put("model", r.model());
        ArrayNode messages = body.putArray("messages");
        if (r.system() != null) messages.addObject().put("role", "system").put("content", r.system());
        for (Message m : r.messages()) writeMessage(m, messages);
        if (r.maxTokens() != null) body.put("max_completion_tokens", r.maxTokens());
        if (r.temperature() != null) body.put("temperature", r.temperature());
        if (r.topP() != null) body.put("top_p", r.topP());
        if (!r.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            r.stop().forEach(stop::add);
        }
        if (!r.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Tool t : r.tools()) tools.add(tool(t));
            if (r.toolChoice() != null) body.set("tool_choice", toolChoice(r.toolChoice()));
            if (r.parallelToolCalls() != null) body.put("parallel_tool_calls", r.parallelToolCalls());
        }
        if (r.responseFormat() != null) body.set("response_format", responseFormat(r.responseFormat()));
        if (r.stream()) {
            body.put("stream", true);
            // Usage arrives only with include_usage; the gateway needs it for cost and the client's final chunk.
            body.putObject("stream_options").put("include_usage", true);
        }
        if (r.user() != null) body.put("user", r.user());
        if (!r.metadata().isEmpty()) {
            ObjectNode md = body.putObject("metadata");
            for (Map.Entry<String, String> e : r.metadata().entrySet()) md.put(e.getKey(), e.getValue());
        }
        return body;
    }

    private void writeMessage(Message m, ArrayNode out) {
        if (m.role() == Role.ASSISTANT) {
            out.add(assistant(m));
            return;
        }
        List<ContentPart> rest = new ArrayList<>();
        for (ContentPart p : m.parts()) {
            if (p instanceof ContentPart.ToolResult tr) {
                out.addObject().put("role", "tool").put("tool_call_id", tr.toolCallId())
                        .put("content", tr.isError() ? TOOL_ERROR_PREFIX + tr.content() : tr.content());
            } else if (p instanceof ContentPart.Text || p instanceof ContentPart.Image) {
                rest.add(p);
            }
        }
        if (rest.isEmpty()) return;
        ObjectNode msg = out.addObject().put("role", "user");
        if (rest.size() == 1 && rest.getFirst() instanceof ContentPart.Text t) {
            msg.put("content", t.text());
            return;
        }
        ArrayNode content = msg.putArray("content");
        for (ContentPart p : rest) {
            if (p instanceof ContentPart.Text t) {
                content.addObject().put("type", "text").put("text", t.text());
            } else if (p instanceof ContentPart.Image img) {
                ObjectNode part = content.addObject().put("type", "image_url");
                part.putObject("image_url").put("url", ImageUrls.toUrl(img));
            }
        }
    }

    private ObjectNode assistant(Message m) {
        ObjectNode msg = Json.object().put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.array();
        for (ContentPart p : m.parts()) {
            if (p instanceof ContentPart.Text t) {
                text.append(t.text());
            } else if (p instanceof ContentPart.ToolCall c) {
                ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
            }
        }
        if (text.isEmpty() && !calls.isEmpty()) msg.putNull("content");
        else msg.put("content", text.toString());
        if (!calls.isEmpty()) msg.set("tool_calls", calls);
        return msg;
    }

    private static ObjectNode tool(Tool t) {
        ObjectNode tool = Json.object().put("type", "function");
        ObjectNode fn = tool.putObject("function").put("name", t.name());
        if (t.description() != null) fn.put("description", t.description());
        if (t.parameters() != null) fn.set("parameters", t.parameters().deepCopy());
        if (t.strict() != null) fn.put("strict", t.strict());
        return tool;
    }

    static com.fasterxml.jackson.databind.JsonNode toolChoice(ToolChoice c) {
        return switch (c.mode()) {
            case AUTO -> Json.NODES.textNode("auto");
            case NONE -> Json.NODES.textNode("none");
            case REQUIRED -> Json.NODES.textNode("required");
            case NAMED -> {
                ObjectNode o = Json.object().put("type", "function");
                o.putObject("function").put("name", c.name());
                yield o;
            }
        };
    }

    private static ObjectNode responseFormat(ResponseFormat f) {
        ObjectNode o = Json.object();
        switch (f.type()) {
            case TEXT -> o.put("type", "text");
            case JSON_OBJECT -> o.put("type", "json_object");
            case JSON_SCHEMA -> {
                o.put("type", "json_schema");
                // name is required by OpenAI; Anthropic's output_config has none, so a fixed one stands in.
                ObjectNode s = o.putObject("json_schema").put("name", f.name() != null ? f.name() : "response");
                if (f.schema() != null) s.set("schema", f.schema().deepCopy());
                if (f.strict() != null) s.put("strict", f.strict());
            }
        }
        return o;
    }
}
