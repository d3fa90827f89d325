package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Validates a Messages API request body the way Anthropic does and reduces it to an {@link AnthropicRequest}.
 * Messages follow Anthropic's 400 {@code invalid_request_error} texts ({@code "<field path>: <problem>"}, in the
 * pydantic style the API uses); an unknown model is a 404 {@code not_found_error}. Field list: Messages API
 * reference (anthropic-sdk-java {@code MessageCreateParams} / {@code MessageCountTokensParams}).
 */
final class AnthropicRequestParser {

    private static final Set<String> MESSAGE_FIELDS = Set.of(
        "model", "max_tokens", "messages", "system", "stream", "stop_sequences", "temperature", "top_p", "top_k",
        "tools", "tool_choice", "metadata", "thinking", "service_tier", "output_config", "output_format", "container",
        "inference_geo", "cache_control", "mcp_servers", "context_management");
    private static final Set<String> COUNT_FIELDS = Set.of(
        "model", "messages", "system", "tools", "tool_choice", "thinking", "output_config", "output_format",
        "mcp_servers", "context_management", "cache_control");
    private static final Set<String> TOOL_CHOICES = Set.of("auto", "any", "tool", "none");

    private AnthropicRequestParser() {}

    /** A 400 {@code invalid_request_error} about {@code param}. */
    static SimError bad(String param, String problem) {
        return new SimError(400, "invalid_request_error", param + ": " + problem, param, null);
    }

    /** Parses {@code POST /v1/messages}. */
    static AnthropicRequest messages(JsonNode body) {
        return parse(body, false);
    }

    /** Parses {@code POST /v1/messages/count_tokens}: the same body without {@code max_tokens} or {@code stream}. */
    static AnthropicRequest countTokens(JsonNode body) {
        return parse(body, true);
    }

    private static AnthropicRequest parse(JsonNode body, boolean counting) {
        if (body == null || !body.isObject()) {
            throw new SimError(400, "invalid_request_error", "Input should be a valid dictionary", null, null);
        }
        String modelId = modelId(body.get("model"));
        int maxTokens = counting ? Integer.MAX_VALUE : maxTokens(body.get("max_tokens"));
        AnthropicMessages messages = AnthropicMessages.parse(body.get("messages"));
        String system = system(body.get("system"));
        List<AnthropicRequest.Tool> tools = new ArrayList<>();
        String toolsText = tools(body.get("tools"), tools);
        JsonNode choice = body.get("tool_choice");
        String toolChoice = toolChoice(choice, tools, body.has("tools"));
        String toolName = "tool".equals(toolChoice) ? choice.get("name").asText() : null;
        List<String> stops = stopSequences(body.get("stop_sequences"));
        number(body.get("temperature"), "temperature", 0, 1);
        number(body.get("top_p"), "top_p", 0, 1);
        number(body.get("top_k"), "top_k", 0, Double.MAX_VALUE);
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isBoolean()) throw bad("stream", "Input should be a valid boolean");
        objectOrAbsent(body.get("metadata"), "metadata");
        objectOrAbsent(body.get("thinking"), "thinking");
        rejectUnknownFields(body, counting ? COUNT_FIELDS : MESSAGE_FIELDS);

        AnthropicModels.Model model = AnthropicModels.find(modelId);
        if (model == null) throw new SimError(404, "not_found_error", "model: " + modelId, "model", null);
        if (!counting && maxTokens > model.maxOutputTokens()) {
            throw bad("max_tokens", maxTokens + " > " + model.maxOutputTokens()
                + ", which is the maximum allowed number of output tokens for " + model.id());
        }
        messages.checkSemantics();
        return new AnthropicRequest(model, modelId, maxTokens, stream != null && stream.asBoolean(),
            TextGenerator.promptOf(system, messages.promptTexts()), messages.prefill(), toolsText, List.copyOf(tools),
            toolChoice, toolName, stops, messages.lastTurn());
    }

    private static String modelId(JsonNode model) {
        if (model == null || model.isNull()) throw bad("model", "Field required");
        if (!model.isTextual()) throw bad("model", "Input should be a valid string");
        return model.asText();
    }

    private static int maxTokens(JsonNode value) {
        if (value == null || value.isNull()) throw bad("max_tokens", "Field required");
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw bad("max_tokens", "Input should be a valid integer");
        }
        int n = value.asInt();
        if (n < 1) throw bad("max_tokens", "Input should be greater than or equal to 1");
        return n;
    }

    private static String system(JsonNode system) {
        if (system == null || system.isNull()) return null;
        if (system.isTextual()) return system.asText();
        if (!system.isArray()) throw bad("system", "Input should be a valid string or a list of text blocks");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            String at = "system." + i;
            if (block == null || !block.isObject()) throw bad(at, "Input should be a valid dictionary");
            if (!"text".equals(block.path("type").asText())) throw bad(at + ".type", "Input should be 'text'");
            texts.add(AnthropicContent.requiredText(block, "text", at));
        }
        return String.join("\n", texts);
    }

    private static String tools(JsonNode tools, List<AnthropicRequest.Tool> out) {
        if (tools == null || tools.isNull()) return "";
        if (!tools.isArray()) throw bad("tools", "Input should be a valid list");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools." + i;
            if (tool == null || !tool.isObject()) throw bad(at, "Input should be a valid dictionary");
            String name = AnthropicContent.requiredText(tool, "name", at);
            if (!name.matches("[a-zA-Z0-9_-]{1,128}")) {
                throw bad(at + ".name", "String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
            }
            if (!names.add(name)) throw bad("tools", "Tool names must be unique.");
            String type = tool.path("type").asText("custom");
            if (!"custom".equals(type)) continue; // a server tool (web_search_…, bash_…): no schema, never called here
            JsonNode schema = tool.get("input_schema");
            if (schema == null || schema.isNull()) throw bad(at + ".input_schema", "Field required");
            if (!schema.isObject()) throw bad(at + ".input_schema", "Input should be a valid dictionary");
            if (!"object".equals(schema.path("type").asText())) throw bad(at + ".input_schema.type", "Input should be 'object'");
            out.add(new AnthropicRequest.Tool(name, schema));
        }
        return tools.isEmpty() ? "" : tools.toString();
    }

    private static String toolChoice(JsonNode choice, List<AnthropicRequest.Tool> tools, boolean toolsGiven) {
        if (choice == null || choice.isNull()) return "auto";
        if (!choice.isObject()) throw bad("tool_choice", "Input should be a valid dictionary");
        JsonNode type = choice.get("type");
        if (type == null) throw bad("tool_choice.type", "Field required");
        if (!type.isTextual() || !TOOL_CHOICES.contains(type.asText())) {
            throw bad("tool_choice", "Input tag '" + type.asText()
                + "' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
        }
        JsonNode parallel = choice.get("disable_parallel_tool_use");
        if (parallel != null && !parallel.isBoolean()) {
            throw bad("tool_choice.disable_parallel_tool_use", "Input should be a valid boolean");
        }
        if (!toolsGiven && !"none".equals(type.asText())) {
            throw bad("tool_choice", "tool_choice may only be specified while providing tools.");
        }
        if ("tool".equals(type.asText())) {
            String name = AnthropicContent.requiredText(choice, "name", "tool_choice");
            if (tools.stream().noneMatch(t -> t.name().equals(name))) {
                throw bad("tool_choice.name", "Tool '" + name + "' not found in provided tools");
            }
        }
        return type.asText();
    }

    private static List<String> stopSequences(JsonNode stops) {
        if (stops == null || stops.isNull()) return List.of();
        if (!stops.isArray()) throw bad("stop_sequences", "Input should be a valid list");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stops.size(); i++) {
            JsonNode stop = stops.get(i);
            if (!stop.isTextual()) throw bad("stop_sequences." + i, "Input should be a valid string");
            if (stop.asText().isBlank()) {
                throw bad("stop_sequences", "each stop sequence must contain non-whitespace characters");
            }
            out.add(stop.asText());
        }
        return List.copyOf(out);
    }

    private static void number(JsonNode value, String field, double min, double max) {
        if (value == null || value.isNull()) return;
        if (!value.isNumber()) throw bad(field, "Input should be a valid number");
        double v = value.asDouble();
        if (v < min) throw bad(field, "Input should be greater than or equal to " + format(min));
        if (v > max) throw bad(field, "Input should be less than or equal to " + format(max));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void objectOrAbsent(JsonNode value, String field) {
        if (value != null && !value.isNull() && !value.isObject()) throw bad(field, "Input should be a valid dictionary");
    }

    private static void rejectUnknownFields(JsonNode body, Set<String> allowed) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) throw bad(field, "Extra inputs are not permitted");
        }
    }
}
