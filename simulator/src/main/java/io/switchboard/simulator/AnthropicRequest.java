package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A validated Messages (or count_tokens) request, reduced to what the simulated model reacts to.
 *
 * @param model         the served snapshot the request's model id resolves to
 * @param modelId       the model id as the request spelled it (selects the tokenizer)
 * @param maxTokens     the output budget ({@code Integer.MAX_VALUE} for count_tokens, which has none)
 * @param promptText    system plus every message's text except a final assistant prefill
 * @param prefill       the final assistant message's text, or "" when the last message is from the user
 * @param toolsText     the tool definitions as JSON text (they are billed as input), or "" without tools
 * @param tools         the custom tools a reply may call, in request order
 * @param toolChoice    {@code auto}, {@code any}, {@code tool} (with {@code toolName}) or {@code none}
 * @param lastTurn      what the conversation ends with; decides whether the model calls a tool
 */
record AnthropicRequest(
    AnthropicModels.Model model, String modelId, int maxTokens, boolean stream, String promptText, String prefill,
    String toolsText, List<Tool> tools, String toolChoice, String toolName, List<String> stopSequences, Turn lastTurn) {

    /** A custom tool: its name and the JSON schema its input must satisfy. */
    record Tool(String name, JsonNode inputSchema) {}

    /** How the conversation ends. */
    enum Turn { USER_TEXT, TOOL_RESULT, ASSISTANT_PREFILL }

    /** The tool a reply calls, per the simulator's deterministic rule; null for a text-only reply. */
    Tool toolToCall() {
        if (tools.isEmpty()) return null;
        boolean call = switch (toolChoice) {
            case "any", "tool" -> true;
            case "none" -> false;
            default -> lastTurn == Turn.USER_TEXT;
        };
        if (!call) return null;
        if ("tool".equals(toolChoice)) {
            return tools.stream().filter(t -> t.name().equals(toolName)).findFirst().orElse(null);
        }
        return tools.getFirst();
    }
}
