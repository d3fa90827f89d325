package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.TextGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's conversation flattened for the text generator: the prompt text, and how the conversation ends
 * (which decides whether the simulated model calls a tool).
 */
record Conversation(String prompt, boolean endsWithUserMessage, boolean endsWithToolResult) {

    /** Chat Completions {@code messages} (validated: objects with a known {@code role}). */
    static Conversation ofChat(JsonNode messages) {
        List<String> system = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        String lastRole = "";
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) throw OpenAiErrors.invalidType("messages[" + i + "]", "an object", m);
            JsonNode roleNode = m.get("role");
            if (roleNode == null || roleNode.isNull()) throw OpenAiErrors.missing("messages[" + i + "].role");
            String role = roleNode.asText();
            switch (role) {
                case "system", "developer" -> system.add(RequestFields.text(m.get("content")));
                case "user" -> texts.add(RequestFields.text(m.get("content")));
                case "assistant" -> texts.add(assistantText(m));
                case "tool" -> texts.add("[tool result] " + RequestFields.text(m.get("content")));
                default -> throw OpenAiErrors.invalid("Invalid value: '" + role + "'. Supported values are: 'system', "
                        + "'assistant', 'user', 'tool', 'function' and 'developer'.", "messages[" + i + "].role", "invalid_value");
            }
            lastRole = role;
        }
        return new Conversation(TextGenerator.promptOf(String.join("\n\n", system), texts),
                lastRole.equals("user"), lastRole.equals("tool"));
    }

    /** Responses {@code input} (a string, or an array of message / function_call / function_call_output items). */
    static Conversation ofResponses(String instructions, JsonNode input) {
        if (input.isTextual()) return new Conversation(TextGenerator.promptOf(instructions, List.of(input.asText())), true, false);
        List<String> system = new ArrayList<>();
        if (instructions != null) system.add(instructions);
        List<String> texts = new ArrayList<>();
        String last = "";
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (!item.isObject()) throw OpenAiErrors.invalidType("input[" + i + "]", "an object", item);
            String type = item.path("type").asText("message");
            switch (type) {
                case "message" -> {
                    String role = item.path("role").asText("");
                    String text = RequestFields.text(item.get("content"));
                    switch (role) {
                        case "system", "developer" -> system.add(text);
                        case "user", "assistant" -> texts.add(text);
                        default -> throw OpenAiErrors.invalid("Invalid value: '" + role + "'. Supported values are: "
                                + "'assistant', 'system', 'developer', and 'user'.", "input[" + i + "].role", "invalid_value");
                    }
                    last = role;
                }
                case "function_call" -> {
                    texts.add("[tool call " + item.path("name").asText() + " " + item.path("arguments").asText() + "]");
                    last = type;
                }
                case "function_call_output" -> {
                    texts.add("[tool result] " + RequestFields.text(item.get("output")));
                    last = type;
                }
                default -> {
                    texts.add(RequestFields.text(item.get("content")));
                    last = type;
                }
            }
        }
        return new Conversation(TextGenerator.promptOf(String.join("\n\n", system), texts),
                last.equals("user"), last.equals("function_call_output"));
    }

    private static String assistantText(JsonNode m) {
        StringBuilder sb = new StringBuilder(RequestFields.text(m.get("content")));
        JsonNode calls = m.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                if (!sb.isEmpty()) sb.append('\n');
                sb.append("[tool call ").append(call.path("function").path("name").asText()).append(' ')
                        .append(call.path("function").path("arguments").asText()).append(']');
            }
        }
        return sb.toString();
    }
}
