package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates one Messages API message's {@code content} (a string or an array of content blocks) and reduces it
 * to what the simulator needs: the text the prompt sees, the text of its text blocks, and the tool ids it
 * carries. Block shapes follow the anthropic-sdk-java request params ({@code ContentBlockParam} and friends).
 */
final class AnthropicContent {

    /** What one message contributes. {@code promptText} renders tool calls and results as text too. */
    record Parsed(String promptText, String plainText, List<String> toolUseIds, List<String> toolResultIds,
                  boolean hasToolResult) {}

    private static final Set<String> OTHER_BLOCK_TYPES = Set.of(
        "document", "search_result", "redacted_thinking", "server_tool_use", "web_search_tool_result",
        "web_fetch_tool_result", "code_execution_tool_result", "bash_code_execution_tool_result",
        "text_editor_code_execution_tool_result", "mcp_tool_use", "mcp_tool_result", "container_upload");
    private static final String EXPECTED_TAGS = "'text', 'image', 'document', 'search_result', 'thinking', "
        + "'redacted_thinking', 'tool_use', 'tool_result', 'server_tool_use', 'web_search_tool_result'";
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private AnthropicContent() {}

    /** Parses {@code content} found at {@code path} (e.g. {@code messages.2.content}). */
    static Parsed parse(JsonNode content, String path) {
        if (content == null || content.isMissingNode()) throw AnthropicRequestParser.bad(path, "Field required");
        if (content.isTextual()) {
            return new Parsed(content.asText(), content.asText(), List.of(), List.of(), false);
        }
        if (!content.isArray()) {
            throw AnthropicRequestParser.bad(path, "Input should be a valid string or a list of content blocks");
        }
        List<String> prompt = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        List<String> toolUses = new ArrayList<>();
        List<String> toolResults = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String at = path + "." + i;
            String type = blockType(block, at);
            switch (type) {
                case "text" -> {
                    String text = requiredText(block, "text", at);
                    if (text.isEmpty()) throw AnthropicRequestParser.bad("messages", "text content blocks must be non-empty");
                    prompt.add(text);
                    plain.append(text);
                }
                case "image" -> validateImage(block.get("source"), at + ".source");
                case "tool_use" -> {
                    toolUses.add(requiredText(block, "id", at));
                    String name = requiredText(block, "name", at);
                    JsonNode input = block.get("input");
                    if (input == null || !input.isObject()) {
                        throw AnthropicRequestParser.bad(at + ".input", "Input should be a valid dictionary");
                    }
                    prompt.add(name + " " + input);
                }
                case "tool_result" -> {
                    toolResults.add(requiredText(block, "tool_use_id", at));
                    prompt.add(toolResultText(block.get("content"), at + ".content"));
                }
                case "thinking" -> {
                    requiredText(block, "thinking", at);
                    requiredText(block, "signature", at);
                }
                default -> {
                    if (!OTHER_BLOCK_TYPES.contains(type)) {
                        throw AnthropicRequestParser.bad(at, "Input tag '" + type
                            + "' found using 'type' does not match any of the expected tags: " + EXPECTED_TAGS);
                    }
                }
            }
        }
        return new Parsed(String.join("\n", prompt), plain.toString(), toolUses, toolResults, !toolResults.isEmpty());
    }

    /** Tool result content: absent, a string, or text/image blocks; its text joins the prompt. */
    private static String toolResultText(JsonNode content, String path) {
        if (content == null || content.isMissingNode() || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        if (!content.isArray()) {
            throw AnthropicRequestParser.bad(path, "Input should be a valid string or a list of content blocks");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String at = path + "." + i;
            String type = blockType(block, at);
            switch (type) {
                case "text" -> texts.add(requiredText(block, "text", at));
                case "image" -> validateImage(block.get("source"), at + ".source");
                case "document", "search_result" -> { }
                default -> throw AnthropicRequestParser.bad(at, "Input tag '" + type
                    + "' found using 'type' does not match any of the expected tags: 'text', 'image', 'search_result', 'document'");
            }
        }
        return String.join("\n", texts);
    }

    private static void validateImage(JsonNode source, String path) {
        if (source == null || !source.isObject()) throw AnthropicRequestParser.bad(path, "Field required");
        String type = blockType(source, path);
        switch (type) {
            case "base64" -> {
                String mediaType = requiredText(source, "media_type", path);
                if (!IMAGE_TYPES.contains(mediaType)) {
                    throw AnthropicRequestParser.bad(path + ".media_type",
                        "Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'");
                }
                requiredText(source, "data", path);
            }
            case "url" -> requiredText(source, "url", path);
            case "file" -> requiredText(source, "file_id", path);
            default -> throw AnthropicRequestParser.bad(path, "Input tag '" + type
                + "' found using 'type' does not match any of the expected tags: 'base64', 'url', 'file'");
        }
    }

    private static String blockType(JsonNode block, String path) {
        if (block == null || !block.isObject()) throw AnthropicRequestParser.bad(path, "Input should be a valid dictionary");
        JsonNode type = block.get("type");
        if (type == null) throw AnthropicRequestParser.bad(path + ".type", "Field required");
        if (!type.isTextual()) throw AnthropicRequestParser.bad(path + ".type", "Input should be a valid string");
        return type.asText();
    }

    static String requiredText(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) throw AnthropicRequestParser.bad(path + "." + field, "Field required");
        if (!value.isTextual()) throw AnthropicRequestParser.bad(path + "." + field, "Input should be a valid string");
        return value.asText();
    }
}
