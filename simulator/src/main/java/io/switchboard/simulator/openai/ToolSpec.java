package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A function tool offered in a request: its name and JSON-schema parameters (may be null). */
record ToolSpec(String name, JsonNode parameters) {

    /**
     * Which tool the simulated model calls, or null for a text answer. The rule is deterministic: a forced
     * choice ({@code required} or a named function) calls the named or first tool; {@code auto} calls the first
     * tool when the conversation ends with a user message; after a tool result the model always answers in text,
     * so a tool round trip terminates.
     *
     * @param toolChoice the request's {@code tool_choice} (chat nests the name under {@code function}, Responses does not)
     */
    static ToolSpec choose(List<ToolSpec> tools, JsonNode toolChoice, boolean endsWithUserMessage, boolean endsWithToolResult) {
        if (tools.isEmpty() || endsWithToolResult) return null;
        String mode = "auto";
        String named = null;
        if (toolChoice != null && toolChoice.isTextual()) {
            mode = toolChoice.asText();
        } else if (toolChoice != null && toolChoice.isObject()) {
            mode = "named";
            JsonNode name = toolChoice.path("function").path("name");
            named = name.isTextual() ? name.asText() : toolChoice.path("name").asText(null);
        }
        switch (mode) {
            case "none":
                return null;
            case "required":
                return tools.getFirst();
            case "named":
                for (ToolSpec t : tools) {
                    if (t.name().equals(named)) return t;
                }
                throw OpenAiErrors.invalid("Invalid value for 'tool_choice': function '" + named
                        + "' is not one of the provided tools.", "tool_choice", null);
            default:
                return endsWithUserMessage ? tools.getFirst() : null;
        }
    }
}
