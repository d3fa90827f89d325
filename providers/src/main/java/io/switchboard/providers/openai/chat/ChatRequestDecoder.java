package io.switchboard.providers.openai.chat;

import static io.switchboard.providers.json.JsonFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.Tool;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.providers.openai.OpenAiToolChoices;
import io.switchboard.providers.wire.ImageUrls;
import io.switchboard.providers.wire.TextParts;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Chat Completions request body (provider-apis.md A2; openai-openapi {@code CreateChatCompletionRequest}).
 * System and developer messages become {@link ChatRequest#system()}; consecutive {@code role: tool} messages
 * become one user message of tool results, the shape Anthropic requires.
 */
final class ChatRequestDecoder {
    private static final String ROLES = "'system', 'developer', 'user', 'assistant', and 'tool'";

    ChatRequest decode(JsonNode json) {
        JsonNode body = body(json);
        String model = requiredString(body, "model", "");
        JsonNode messagesNode = requiredArray(body, "messages", "");
        if (messagesNode.isEmpty()) {
            throw ProviderException.invalid(
                    "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                    "messages");
        }
        List<String> system = new ArrayList<>();
        List<Message> messages = readMessages(messagesNode, system);
        Integer maxTokens = optionalInt(body, "max_completion_tokens", "");
        if (maxTokens == null) maxTokens = optionalInt(body, "max_tokens", "");
        return ChatRequest.builder()
                .model(model)
                .system(system.isEmpty() ? null : String.join("\n\n", system))
                .messages(messages)
                .maxTokens(maxTokens)
                .temperature(optionalNumber(body, "temperature", ""))
                .topP(optionalNumber(body, "top_p", ""))
                .stop(stringOrStrings(body, "stop", ""))
                .tools(readTools(body))
                .toolChoice(readToolChoice(body.get("tool_choice")))
                .parallelToolCalls(optionalBoolean(body, "parallel_tool_calls", ""))
                .responseFormat(readResponseFormat(optionalObject(body, "response_format", "")))
                .stream(Boolean.TRUE.equals(optionalBoolean(body, "stream", "")))
                .user(optionalString(body, "user", ""))
                .metadata(stringMap(body, "metadata", ""))
                .build();
    }

    private List<Message> readMessages(JsonNode array, List<String> system) {
        List<Message> messages = new ArrayList<>();
        List<ContentPart> toolResults = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String p = path("messages", i);
            JsonNode m = objectAt(array, i, "messages");
            String role = requiredString(m, "role", p);
            if (!role.equals("tool") && !toolResults.isEmpty() && !isInstruction(role)) {
                messages.add(new Message(Role.USER, toolResults));
                toolResults = new ArrayList<>();
            }
            switch (role) {
                case "system", "developer" -> system.add(textContent(m, p, true));
                case "user" -> messages.add(new Message(Role.USER, userParts(m, p)));
                case "assistant" -> messages.add(new Message(Role.ASSISTANT, assistantParts(m, p)));
                case "tool" -> toolResults.add(new ContentPart.ToolResult(
                        requiredString(m, "tool_call_id", p), textContent(m, p, true), false));
                default -> throw invalidValue(path(p, "role"), role, ROLES);
            }
        }
        if (!toolResults.isEmpty()) messages.add(new Message(Role.USER, toolResults));
        return messages;
    }

    private static boolean isInstruction(String role) { return role.equals("system") || role.equals("developer"); }

    /** A string, or an array of {@code text} parts joined without separator (how OpenAI reads them). */
    private String textContent(JsonNode m, String p, boolean required) {
        JsonNode c = m.get("content");
        String cp = path(p, "content");
        if (c == null || c.isNull()) {
            if (required) throw missing(cp);
            return "";
        }
        if (c.isTextual()) return c.textValue();
        if (!c.isArray()) throw invalidType(cp, "one of a string or array of objects", c);
        return String.join("", mapObjects(c, cp, TextParts::text));
    }

    private List<ContentPart> userParts(JsonNode m, String p) {
        JsonNode c = m.get("content");
        String cp = path(p, "content");
        if (c == null || c.isNull()) throw missing(cp);
        if (c.isTextual()) return List.of(new ContentPart.Text(c.textValue()));
        if (!c.isArray()) throw invalidType(cp, "one of a string or array of objects", c);
        return mapObjects(c, cp, this::userPart);
    }

    private ContentPart userPart(JsonNode part, String pp) {
        String type = requiredString(part, "type", pp);
        return switch (type) {
            case "text" -> new ContentPart.Text(requiredString(part, "text", pp));
            case "image_url" -> ImageUrls.parse(
                    requiredString(requiredObject(part, "image_url", pp), "url", path(pp, "image_url")));
            case "input_audio", "file" -> throw unsupported(path(pp, "type"), "Content part type '" + type + "'");
            default -> throw invalidValue(path(pp, "type"), type, "'text', 'image_url', 'input_audio', and 'file'");
        };
    }

    private List<ContentPart> assistantParts(JsonNode m, String p) {
        List<ContentPart> parts = new ArrayList<>();
        JsonNode c = m.get("content");
        String cp = path(p, "content");
        if (c != null && c.isTextual()) {
            if (!c.textValue().isEmpty()) parts.add(new ContentPart.Text(c.textValue()));
        } else if (c != null && c.isArray()) {
            parts.addAll(mapObjects(c, cp, (part, pp) -> {
                String type = requiredString(part, "type", pp);
                String field = switch (type) {
                    case "text" -> "text";
                    case "refusal" -> "refusal";
                    default -> throw invalidValue(path(pp, "type"), type, "'text' and 'refusal'");
                };
                return new ContentPart.Text(requiredString(part, field, pp));
            }));
        } else if (c != null && !c.isNull()) {
            throw invalidType(cp, "one of a string or array of objects", c);
        }
        parts.addAll(mapObjects(optionalArray(m, "tool_calls", p), path(p, "tool_calls"), (call, cpp) -> {
            JsonNode fn = requiredObject(call, "function", cpp);
            String fp = path(cpp, "function");
            return new ContentPart.ToolCall(requiredString(call, "id", cpp),
                    requiredString(fn, "name", fp), requiredString(fn, "arguments", fp));
        }));
        return parts;
    }

    private List<Tool> readTools(JsonNode body) {
        return mapObjects(optionalArray(body, "tools", ""), "tools", (t, p) -> {
            String type = optionalString(t, "type", p);
            if (type != null && !type.equals("function")) throw unsupported(path(p, "type"), "Tool type '" + type + "'");
            JsonNode fn = requiredObject(t, "function", p);
            String fp = path(p, "function");
            return new Tool(requiredString(fn, "name", fp), optionalString(fn, "description", fp),
                    optionalObject(fn, "parameters", fp), optionalBoolean(fn, "strict", fp));
        });
    }

    private ToolChoice readToolChoice(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return OpenAiToolChoices.mode(v.textValue());
        if (!v.isObject()) throw invalidType("tool_choice", "one of a string or object", v);
        String type = requiredString(v, "type", "tool_choice");
        if (!type.equals("function")) throw unsupported("tool_choice.type", "tool_choice type '" + type + "'");
        return ToolChoice.named(requiredString(requiredObject(v, "function", "tool_choice"), "name", "tool_choice.function"));
    }

    private ResponseFormat readResponseFormat(JsonNode v) {
        if (v == null) return null;
        String type = requiredString(v, "type", "response_format");
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, null);
            case "json_schema" -> {
                JsonNode s = requiredObject(v, "json_schema", "response_format");
                String p = "response_format.json_schema";
                yield new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, requiredString(s, "name", p),
                        optionalObject(s, "schema", p), optionalBoolean(s, "strict", p));
            }
            default -> throw invalidValue("response_format.type", type, "'text', 'json_object', and 'json_schema'");
        };
    }
}
