package io.switchboard.providers.openai.responses;

import static io.switchboard.providers.json.JsonFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.Tool;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.providers.openai.OpenAiToolChoices;
import io.switchboard.providers.wire.ImageUrls;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Responses request body (provider-apis.md A1; openai-openapi {@code CreateResponse}). {@code instructions}
 * and system/developer messages become the system text; {@code function_call} items join the assistant turn
 * before them and consecutive {@code function_call_output} items form one user turn of tool results.
 * Server-side state ({@code previous_response_id}, {@code conversation}) cannot cross providers and is rejected.
 */
final class ResponsesRequestDecoder {
    private static final String ITEM_TYPES = "'message', 'function_call', 'function_call_output', and 'reasoning'";

    /** A turn being assembled; {@code toolResults} marks a user turn made only of function_call_output items. */
    private record Turn(Role role, List<ContentPart> parts, boolean toolResults) {}

    ChatRequest decode(JsonNode json) {
        JsonNode body = body(json);
        String model = requiredString(body, "model", "");
        if (optionalString(body, "previous_response_id", "") != null) {
            throw unsupported("previous_response_id", "previous_response_id (state stored at OpenAI)");
        }
        if (body.hasNonNull("conversation")) throw unsupported("conversation", "conversation (state stored at OpenAI)");
        List<String> system = new ArrayList<>();
        String instructions = optionalString(body, "instructions", "");
        if (instructions != null) system.add(instructions);
        List<Message> messages = input(body, system);
        JsonNode text = optionalObject(body, "text", "");
        return ChatRequest.builder()
                .model(model)
                .system(system.isEmpty() ? null : String.join("\n\n", system))
                .messages(messages)
                .maxTokens(optionalInt(body, "max_output_tokens", ""))
                .temperature(optionalNumber(body, "temperature", ""))
                .topP(optionalNumber(body, "top_p", ""))
                .tools(tools(body))
                .toolChoice(toolChoice(body.get("tool_choice")))
                .parallelToolCalls(optionalBoolean(body, "parallel_tool_calls", ""))
                .responseFormat(text == null ? null : format(optionalObject(text, "format", "text")))
                .stream(Boolean.TRUE.equals(optionalBoolean(body, "stream", "")))
                .user(optionalString(body, "user", ""))
                .metadata(stringMap(body, "metadata", ""))
                .build();
    }

    private List<Message> input(JsonNode body, List<String> system) {
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) throw missing("input");
        if (input.isTextual()) return List.of(Message.user(input.textValue()));
        if (!input.isArray()) throw invalidType("input", "a string or an array of input items", input);
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            String p = path("input", i);
            JsonNode item = objectAt(input, i, "input");
            String type = optionalString(item, "type", p);
            if (type == null && item.has("role")) type = "message";
            if (type == null) throw missing(path(p, "type"));
            Turn last = turns.isEmpty() ? null : turns.getLast();
            switch (type) {
                case "message" -> message(item, p, turns, system);
                case "function_call" -> {
                    ContentPart call = new ContentPart.ToolCall(requiredString(item, "call_id", p),
                            requiredString(item, "name", p), requiredString(item, "arguments", p));
                    if (last != null && last.role() == Role.ASSISTANT) last.parts().add(call);
                    else turns.add(new Turn(Role.ASSISTANT, new ArrayList<>(List.of(call)), false));
                }
                case "function_call_output" -> {
                    ContentPart result = new ContentPart.ToolResult(requiredString(item, "call_id", p), output(item, p), false);
                    if (last != null && last.toolResults()) last.parts().add(result);
                    else turns.add(new Turn(Role.USER, new ArrayList<>(List.of(result)), true));
                }
                // Reasoning items are encrypted OpenAI state; no other provider can read them.
                case "reasoning" -> { }
                default -> throw invalidValue(path(p, "type"), type, ITEM_TYPES);
            }
        }
        List<Message> messages = new ArrayList<>(turns.size());
        for (Turn t : turns) messages.add(new Message(t.role(), t.parts()));
        return messages;
    }

    private void message(JsonNode item, String p, List<Turn> turns, List<String> system) {
        String role = requiredString(item, "role", p);
        JsonNode c = item.get("content");
        String cp = path(p, "content");
        if (c == null || c.isNull()) throw missing(cp);
        List<ContentPart> parts = new ArrayList<>();
        if (c.isTextual()) {
            parts.add(new ContentPart.Text(c.textValue()));
        } else if (c.isArray()) {
            parts.addAll(mapObjects(c, cp, this::part));
        } else {
            throw invalidType(cp, "a string or an array of content parts", c);
        }
        switch (role) {
            case "system", "developer" -> {
                StringBuilder sb = new StringBuilder();
                for (ContentPart part : parts) {
                    if (!(part instanceof ContentPart.Text t)) throw unsupported(cp, "Non-text " + role + " content");
                    sb.append(t.text());
                }
                system.add(sb.toString());
            }
            case "user" -> turns.add(new Turn(Role.USER, parts, false));
            case "assistant" -> {
                parts.removeIf(part -> part instanceof ContentPart.Text t && t.text().isEmpty());
                turns.add(new Turn(Role.ASSISTANT, parts, false));
            }
            default -> throw invalidValue(path(p, "role"), role, "'user', 'assistant', 'system', and 'developer'");
        }
    }

    private ContentPart part(JsonNode part, String p) {
        String type = requiredString(part, "type", p);
        return switch (type) {
            case "input_text", "output_text" -> new ContentPart.Text(requiredString(part, "text", p));
            case "refusal" -> new ContentPart.Text(requiredString(part, "refusal", p));
            case "input_image" -> {
                String url = optionalString(part, "image_url", p);
                if (url == null) throw unsupported(path(p, "file_id"), "An input_image without image_url");
                yield ImageUrls.parse(url);
            }
            case "input_file", "input_audio" -> throw unsupported(path(p, "type"), "Content part type '" + type + "'");
            default -> throw invalidValue(path(p, "type"), type, "'input_text', 'output_text', 'refusal', and 'input_image'");
        };
    }

    private String output(JsonNode item, String p) {
        JsonNode out = item.get("output");
        String op = path(p, "output");
        if (out == null || out.isNull()) throw missing(op);
        if (out.isTextual()) return out.textValue();
        if (!out.isArray()) throw invalidType(op, "a string or an array of content parts", out);
        return String.join("", mapObjects(out, op, (part, pp) -> {
            String type = requiredString(part, "type", pp);
            if (!type.equals("input_text")) throw unsupported(path(pp, "type"), "Tool output type '" + type + "'");
            return requiredString(part, "text", pp);
        }));
    }

    private List<Tool> tools(JsonNode body) {
        return mapObjects(optionalArray(body, "tools", ""), "tools", (t, p) -> {
            String type = requiredString(t, "type", p);
            // Built-in tools (web_search, file_search, …) run at OpenAI and have no equivalent elsewhere.
            if (!type.equals("function")) throw unsupported(path(p, "type"), "Tool type '" + type + "'");
            return new Tool(requiredString(t, "name", p), optionalString(t, "description", p),
                    optionalObject(t, "parameters", p), optionalBoolean(t, "strict", p));
        });
    }

    private ToolChoice toolChoice(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return OpenAiToolChoices.mode(v.textValue());
        if (!v.isObject()) throw invalidType("tool_choice", "a string or an object", v);
        String type = requiredString(v, "type", "tool_choice");
        if (!type.equals("function")) throw unsupported("tool_choice.type", "tool_choice type '" + type + "'");
        return ToolChoice.named(requiredString(v, "name", "tool_choice"));
    }

    private ResponseFormat format(JsonNode f) {
        if (f == null) return null;
        String type = requiredString(f, "type", "text.format");
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, null);
            case "json_schema" -> new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, requiredString(f, "name", "text.format"),
                    requiredObject(f, "schema", "text.format"), optionalBoolean(f, "strict", "text.format"));
            default -> throw invalidValue("text.format.type", type, "'text', 'json_object', and 'json_schema'");
        };
    }
}
