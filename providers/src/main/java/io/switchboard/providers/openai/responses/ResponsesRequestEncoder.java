package io.switchboard.providers.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.Tool;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.ImageUrls;
import java.util.Map;

/** Writes a Responses request body (provider-apis.md A1) from a neutral request. */
final class ResponsesRequestEncoder {
    /** OpenAI has no error flag on function outputs; this prefix keeps the failure visible to the model. */
    static final String TOOL_ERROR_PREFIX = "Error: ";

    ObjectNode encode(ChatRequest r) {
        if (!r.stop().isEmpty()) {
            // The Responses API has no stop sequences; dropping them would change where the answer ends.
            throw ProviderException.invalid("Stop sequences are not supported when routing to the OpenAI Responses API.", "stop");
        }
        ObjectNode body = Json.object();
        body.put("model", r.model());
        if (r.system() != null) body.put("instructions", r.system());
        ArrayNode input = body.putArray("input");
        for (Message m : r.messages()) items(m, input);
        if (r.maxTokens() != null) body.put("max_output_tokens", r.maxTokens());
        if (r.temperature() != null) body.put("temperature", r.temperature());
        if (r.topP() != null) body.put("top_p", r.topP());
        if (!r.tools().isEmpty()) {
            body.set("tools", tools(r));
            if (r.toolChoice() != null) body.set("tool_choice", toolChoice(r.toolChoice()));
            if (r.parallelToolCalls() != null) body.put("parallel_tool_calls", r.parallelToolCalls());
        }
        if (r.responseFormat() != null) body.putObject("text").set("format", format(r.responseFormat()));
        if (r.stream()) body.put("stream", true);
        if (r.user() != null) body.put("user", r.user());
        if (!r.metadata().isEmpty()) {
            ObjectNode md = body.putObject("metadata");
            for (Map.Entry<String, String> e : r.metadata().entrySet()) md.put(e.getKey(), e.getValue());
        }
        // Responses stores by default; a translated request comes from an API that stores nothing.
        body.put("store", false);
        return body;
    }

    private static void items(Message m, ArrayNode input) {
        boolean user = m.role() == Role.USER;
        ArrayNode content = Json.array();
        for (ContentPart p : m.parts()) {
            switch (p) {
                case ContentPart.Text t -> content.addObject().put("type", user ? "input_text" : "output_text").put("text", t.text());
                case ContentPart.Image img -> {
                    if (user) content.addObject().put("type", "input_image").put("image_url", ImageUrls.toUrl(img)).put("detail", "auto");
                }
                case ContentPart.ToolCall c -> {
                    flush(m, content, input);
                    input.addObject().put("type", "function_call").put("call_id", c.id()).put("name", c.name())
                            .put("arguments", c.argumentsJson());
                }
                case ContentPart.ToolResult tr -> {
                    flush(m, content, input);
                    input.addObject().put("type", "function_call_output").put("call_id", tr.toolCallId())
                            .put("output", tr.isError() ? TOOL_ERROR_PREFIX + tr.content() : tr.content());
                }
                case ContentPart.Thinking ignored -> { }
            }
        }
        flush(m, content, input);
    }

    /** Emits the message content gathered so far as one message item, keeping the order of parts and calls. */
    private static void flush(Message m, ArrayNode content, ArrayNode input) {
        if (content.isEmpty()) return;
        ObjectNode item = input.addObject().put("type", "message").put("role", m.role() == Role.USER ? "user" : "assistant");
        item.set("content", content.deepCopy());
        content.removeAll();
    }

    private static ArrayNode tools(ChatRequest r) {
        ArrayNode tools = Json.array();
        for (Tool t : r.tools()) {
            ObjectNode o = tools.addObject().put("type", "function").put("name", t.name());
            if (t.description() != null) o.put("description", t.description());
            o.set("parameters", t.parameters() != null ? t.parameters().deepCopy() : Json.object().put("type", "object"));
            // strict is required here, and openai-openapi FunctionTool.strict says "Default `true`", which rejects
            // ordinary schemas (optional properties, no additionalProperties:false); other APIs default to false.
            o.put("strict", Boolean.TRUE.equals(t.strict()));
        }
        return tools;
    }

    static JsonNode toolChoice(ToolChoice c) {
        return switch (c.mode()) {
            case AUTO -> Json.NODES.textNode("auto");
            case NONE -> Json.NODES.textNode("none");
            case REQUIRED -> Json.NODES.textNode("required");
            case NAMED -> Json.object().put("type", "function").put("name", c.name());
        };
    }

    static ObjectNode format(ResponseFormat f) {
        ObjectNode o = Json.object();
        switch (f.type()) {
            case TEXT -> o.put("type", "text");
            case JSON_OBJECT -> o.put("type", "json_object");
            case JSON_SCHEMA -> {
                // name is required by OpenAI; Anthropic's output_config has none, so a fixed one stands in.
                o.put("type", "json_schema").put("name", f.name() != null ? f.name() : "response");
                o.set("schema", f.schema() != null ? f.schema().deepCopy() : Json.object().put("type", "object"));
                if (f.strict() != null) o.put("strict", f.strict());
            }
        }
        return o;
    }
}
