package io.switchboard.providers.anthropic;

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
import java.util.ArrayList;
import java.util.List;

/** Writes an Anthropic Messages request body (provider-apis.md B1, B5) from a neutral request. */
final class MessagesRequestEncoder {
    /**
     * Anthropic requires {@code max_tokens}; OpenAI clients may leave it out. 4096 is the largest output every
     * current Claude model accepts (Claude 3 Haiku's cap), so the default never causes a 400.
     */
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** Anthropic's temperature range is 0..1, OpenAI's 0..2. */
    static final double MAX_TEMPERATURE = 1.0;

    ObjectNode encode(ChatRequest r) {
        ObjectNode body = Json.object();
        body.put("model", r.model());
        body.put("max_tokens", r.maxTokens() != null ? r.maxTokens() : DEFAULT_MAX_TOKENS);
        if (r.system() != null && !r.system().isEmpty()) body.put("system", r.system());
        ArrayNode messages = body.putArray("messages");
        for (int i = 0; i < r.messages().size(); i++) {
            ObjectNode m = message(r.messages().get(i), i);
            if (m != null) messages.add(m);
        }
        // Values above 1 are clamped rather than halved: halving would also change every value in the shared
        // 0..1 range (0.7 would become 0.35), while clamping only caps the extra randomness Anthropic lacks.
        if (r.temperature() != null) body.put("temperature", Math.min(r.temperature(), MAX_TEMPERATURE));
        if (r.topP() != null) body.put("top_p", r.topP());
        if (!r.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            r.stop().forEach(stop::add);
        }
        if (!r.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Tool t : r.tools()) tools.add(tool(t));
            ObjectNode choice = toolChoice(r.toolChoice(), r.parallelToolCalls());
            if (choice != null) body.set("tool_choice", choice);
        }
        if (r.user() != null) body.putObject("metadata").put("user_id", r.user());
        if (r.responseFormat() != null) outputConfig(r.responseFormat(), body);
        if (r.stream()) body.put("stream", true);
        return body;
    }

    private ObjectNode message(Message m, int index) {
        // Anthropic wants tool results first in a user turn, then any other content.
        List<ContentPart> ordered = new ArrayList<>(m.parts());
        if (m.role() == Role.USER) ordered.sort((a, b) -> Boolean.compare(!(a instanceof ContentPart.ToolResult), !(b instanceof ContentPart.ToolResult)));
        ArrayNode blocks = Json.array();
        for (ContentPart p : ordered) {
            ObjectNode block = block(p, index);
            if (block != null) blocks.add(block);
        }
        // Anthropic rejects empty messages and empty text blocks, which OpenAI allows (e.g. content "").
        if (blocks.isEmpty()) return null;
        ObjectNode msg = Json.object().put("role", m.role() == Role.USER ? "user" : "assistant");
        if (blocks.size() == 1 && "text".equals(blocks.get(0).path("type").asText())) {
            msg.put("content", blocks.get(0).path("text").asText());
        } else {
            msg.set("content", blocks);
        }
        return msg;
    }

    private static ObjectNode block(ContentPart p, int index) {
        return switch (p) {
            case ContentPart.Text t -> t.text().isEmpty() ? null : Json.object().put("type", "text").put("text", t.text());
            case ContentPart.Image img -> image(img);
            case ContentPart.ToolCall c -> {
                ObjectNode b = Json.object().put("type", "tool_use").put("id", c.id()).put("name", c.name());
                b.set("input", toolInput(c, index));
                yield b;
            }
            case ContentPart.ToolResult tr -> {
                ObjectNode b = Json.object().put("type", "tool_result").put("tool_use_id", tr.toolCallId()).put("content", tr.content());
                if (tr.isError()) b.put("is_error", true);
                yield b;
            }
            // Only a signed thinking block can be sent back; unsigned reasoning is dropped.
            case ContentPart.Thinking th -> th.signature() == null ? null
                    : Json.object().put("type", "thinking").put("thinking", th.text() == null ? "" : th.text())
                            .put("signature", th.signature());
        };
    }

    private static ObjectNode image(ContentPart.Image img) {
        ObjectNode b = Json.object().put("type", "image");
        ObjectNode source = b.putObject("source");
        if (img.url() != null) {
            source.put("type", "url").put("url", img.url());
        } else {
            source.put("type", "base64").put("media_type", img.mediaType()).put("data", img.data());
        }
        return b;
    }

    private static JsonNode toolInput(ContentPart.ToolCall c, int index) {
        JsonNode input = MessagesResponseCodec.inputOrNull(c.argumentsJson());
        if (input != null) return input;
        throw ProviderException.invalid("The arguments of tool call '" + c.id() + "' are not a JSON object.",
                "messages[" + index + "]");
    }

    private static ObjectNode tool(Tool t) {
        ObjectNode o = Json.object().put("name", t.name());
        if (t.description() != null) o.put("description", t.description());
        // input_schema is required by Anthropic; OpenAI lets a function omit its parameters.
        if (t.parameters() != null) o.set("input_schema", t.parameters().deepCopy());
        else o.putObject("input_schema").put("type", "object");
        if (t.strict() != null) o.put("strict", t.strict());
        return o;
    }

    private static ObjectNode toolChoice(ToolChoice choice, Boolean parallel) {
        ObjectNode o = Json.object();
        ToolChoice c = choice != null ? choice : ToolChoice.AUTO;
        switch (c.mode()) {
            case AUTO -> o.put("type", "auto");
            case REQUIRED -> o.put("type", "any");
            case NAMED -> o.put("type", "tool").put("name", c.name());
            case NONE -> {
                return o.put("type", "none");
            }
        }
        if (Boolean.FALSE.equals(parallel)) o.put("disable_parallel_tool_use", true);
        else if (choice == null) return null;
        return o;
    }

    private static void outputConfig(ResponseFormat f, ObjectNode body) {
        switch (f.type()) {
            case TEXT -> { }
            case JSON_SCHEMA -> body.putObject("output_config").putObject("format").put("type", "json_schema")
                    .set("schema", f.schema() != null ? f.schema().deepCopy() : Json.object().put("type", "object"));
            // Anthropic has no JSON mode. Rather than a silent prompt instruction, ask for structured output with
            // a schema that admits any object: the client still gets a JSON object, enforced by the API.
            case JSON_OBJECT -> body.putObject("output_config").putObject("format").put("type", "json_schema")
                    .set("schema", Json.object().put("type", "object"));
        }
    }
}
