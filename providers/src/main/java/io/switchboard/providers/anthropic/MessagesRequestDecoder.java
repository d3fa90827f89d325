package io.switchboard.providers.anthropic;

import static io.switchboard.providers.json.JsonFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.Tool;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.TextParts;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Anthropic Messages request body (provider-apis.md B1, B5). Only {@code metadata.user_id} exists in
 * Anthropic metadata; it becomes {@link ChatRequest#user()}. Settings with no neutral counterpart
 * ({@code top_k}, {@code thinking}, {@code service_tier}) are ignored.
 */
final class MessagesRequestDecoder {

    ChatRequest decode(JsonNode json) {
        JsonNode body = body(json);
        String model = requiredString(body, "model", "");
        Integer maxTokens = optionalInt(body, "max_tokens", "");
        if (maxTokens == null) throw missing("max_tokens");
        JsonNode messages = requiredArray(body, "messages", "");
        List<Message> neutral = mapObjects(messages, "messages", this::message);
        JsonNode metadata = optionalObject(body, "metadata", "");
        ToolChoiceSetting choice = toolChoice(optionalObject(body, "tool_choice", ""));
        return ChatRequest.builder()
                .model(model)
                .system(system(body.get("system")))
                .messages(neutral)
                .maxTokens(maxTokens)
                .temperature(optionalNumber(body, "temperature", ""))
                .topP(optionalNumber(body, "top_p", ""))
                .stop(stopSequences(body))
                .tools(tools(body))
                .toolChoice(choice.choice())
                .parallelToolCalls(choice.parallel())
                .responseFormat(outputFormat(optionalObject(body, "output_config", "")))
                .stream(Boolean.TRUE.equals(optionalBoolean(body, "stream", "")))
                .user(metadata == null ? null : optionalString(metadata, "user_id", "metadata"))
                .build();
    }

    private String system(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.textValue();
        if (!v.isArray()) throw invalidType("system", "a string or an array of text blocks", v);
        return String.join("\n\n", mapObjects(v, "system", TextParts::text));
    }

    private Message message(JsonNode m, String p) {
        String role = requiredString(m, "role", p);
        Role r = switch (role) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> throw invalidValue(path(p, "role"), role, "'user' and 'assistant'");
        };
        JsonNode c = m.get("content");
        String cp = path(p, "content");
        if (c == null || c.isNull()) throw missing(cp);
        if (c.isTextual()) return new Message(r, List.of(new ContentPart.Text(c.textValue())));
        if (!c.isArray()) throw invalidType(cp, "a string or an array of content blocks", c);
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            ContentPart part = block(objectAt(c, i, cp), path(cp, i));
            if (part != null) parts.add(part);
        }
        return new Message(r, parts);
    }

    private ContentPart block(JsonNode b, String p) {
        String type = requiredString(b, "type", p);
        return switch (type) {
            case "text" -> new ContentPart.Text(requiredString(b, "text", p));
            case "image" -> image(requiredObject(b, "source", p), path(p, "source"));
            case "tool_use" -> {
                JsonNode input = b.get("input");
                yield new ContentPart.ToolCall(requiredString(b, "id", p), requiredString(b, "name", p),
                        input == null || input.isNull() ? "{}" : Json.write(input));
            }
            case "tool_result" -> new ContentPart.ToolResult(requiredString(b, "tool_use_id", p), toolResultText(b, p),
                    Boolean.TRUE.equals(optionalBoolean(b, "is_error", p)));
            case "thinking" -> new ContentPart.Thinking(optionalString(b, "thinking", p), optionalString(b, "signature", p));
            // Encrypted reasoning means nothing to another provider and is never sent across.
            case "redacted_thinking" -> null;
            default -> throw unsupported(path(p, "type"), "Content block type '" + type + "'");
        };
    }

    private ContentPart.Image image(JsonNode source, String p) {
        String type = requiredString(source, "type", p);
        return switch (type) {
            case "base64" -> new ContentPart.Image(requiredString(source, "media_type", p), requiredString(source, "data", p), null);
            case "url" -> new ContentPart.Image(null, null, requiredString(source, "url", p));
            default -> throw unsupported(path(p, "type"), "Image source type '" + type + "'");
        };
    }

    private String toolResultText(JsonNode b, String p) {
        JsonNode c = b.get("content");
        String cp = path(p, "content");
        if (c == null || c.isNull()) return "";
        if (c.isTextual()) return c.textValue();
        if (!c.isArray()) throw invalidType(cp, "a string or an array of content blocks", c);
        List<String> texts = mapObjects(c, cp, (block, pp) -> {
            String type = requiredString(block, "type", pp);
            // The neutral tool result is text; OpenAI tool messages cannot carry images either.
            if (!type.equals("text")) throw unsupported(path(pp, "type"), "Tool result content type '" + type + "'");
            return requiredString(block, "text", pp);
        });
        // Leading empty texts add no separator.
        StringBuilder sb = new StringBuilder();
        for (String text : texts) {
            if (!sb.isEmpty()) sb.append("\n\n");
            sb.append(text);
        }
        return sb.toString();
    }

    private List<String> stopSequences(JsonNode body) {
        JsonNode v = optionalArray(body, "stop_sequences", "");
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) throw invalidType(path("stop_sequences", i), "a string", v.get(i));
            out.add(v.get(i).textValue());
        }
        return out;
    }

    private List<Tool> tools(JsonNode body) {
        return mapObjects(optionalArray(body, "tools", ""), "tools", (t, p) -> {
            String type = optionalString(t, "type", p);
            // Server tools (web_search_…, bash_…, …) run at Anthropic and have no equivalent elsewhere.
            if (type != null && !type.equals("custom")) throw unsupported(path(p, "type"), "Tool type '" + type + "'");
            return new Tool(requiredString(t, "name", p), optionalString(t, "description", p),
                    optionalObject(t, "input_schema", p), optionalBoolean(t, "strict", p));
        });
    }

    private record ToolChoiceSetting(ToolChoice choice, Boolean parallel) {}

    private ToolChoiceSetting toolChoice(JsonNode v) {
        if (v == null) return new ToolChoiceSetting(null, null);
        String type = requiredString(v, "type", "tool_choice");
        ToolChoice choice = switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.named(requiredString(v, "name", "tool_choice"));
            default -> throw invalidValue("tool_choice.type", type, "'auto', 'any', 'tool', and 'none'");
        };
        Boolean disable = optionalBoolean(v, "disable_parallel_tool_use", "tool_choice");
        return new ToolChoiceSetting(choice, disable == null ? null : !disable);
    }

    private ResponseFormat outputFormat(JsonNode config) {
        if (config == null) return null;
        JsonNode format = optionalObject(config, "format", "output_config");
        if (format == null) return null;
        String type = requiredString(format, "type", "output_config.format");
        if (!type.equals("json_schema")) throw invalidValue("output_config.format.type", type, "'json_schema'");
        return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, null,
                requiredObject(format, "schema", "output_config.format"), null);
    }
}
