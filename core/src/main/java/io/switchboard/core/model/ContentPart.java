package io.switchboard.core.model;

import java.util.Objects;

/**
 * One piece of a message: text, an image, a tool call made by the model, or a tool's result sent back
 * by the client. Tool results are parts of a {@link Role#USER} message (Anthropic's shape); the OpenAI
 * codecs turn them into {@code role: tool} messages / {@code function_call_output} items.
 */
public sealed interface ContentPart {

    record Text(String text) implements ContentPart {
        public Text { Objects.requireNonNull(text, "text"); }
    }

    /** An image given either inline ({@code mediaType} + base64 {@code data}) or by {@code url}. */
    record Image(String mediaType, String data, String url) implements ContentPart {}

    /** A call the model asks for; {@code argumentsJson} is the JSON text of the arguments object. */
    record ToolCall(String id, String name, String argumentsJson) implements ContentPart {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            argumentsJson = argumentsJson == null || argumentsJson.isEmpty() ? "{}" : argumentsJson;
        }
    }

    record ToolResult(String toolCallId, String content, boolean isError) implements ContentPart {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            content = content == null ? "" : content;
        }
    }

    /** Model reasoning surfaced by the provider (Anthropic thinking blocks); never sent across providers. */
    record Thinking(String text, String signature) implements ContentPart {}

    static Text text(String text) { return new Text(text); }
}
