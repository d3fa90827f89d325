package io.switchboard.engine.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * What a raw request body (OpenAI Chat or Responses, or Anthropic Messages) puts in front of the model:
 * the tokens of its text fields, how many images or files, messages and tools it carries, and whether it
 * asks for prompt caching. Used for pass-through requests that are never parsed into a neutral request.
 *
 * <p>Field names follow the OpenAI OpenAPI spec (Chat {@code messages}, Responses {@code input} and
 * {@code instructions}) and Anthropic's Messages reference ({@code system}, {@code messages},
 * {@code cache_control}). Unknown fields are counted when they hold text: over-counting is the safe side.
 */
record RequestBodyTally(long textTokens, int attachments, int messages, int tools, boolean asksForCaching) {

    /** Plumbing that never reaches the model as text. */
    private static final Set<String> SKIPPED = Set.of("model", "role", "type", "id", "call_id", "tool_call_id",
            "tool_use_id", "metadata", "stream", "stream_options", "user", "service_tier", "reasoning_effort",
            "store", "previous_response_id", "prompt_cache_key", "prompt_cache_retention", "safety_identifier",
            "signature", "media_type", "detail", "include", "truncation", "background", "status");
    /** JSON Schemas reach the model as JSON text, property names included. */
    private static final Set<String> SCHEMAS = Set.of("parameters", "input_schema", "schema");
    /** Parts whose payload is an image, document, file or audio, billed by size rather than as text. */
    private static final Set<String> ATTACHMENT_TYPES = Set.of("image", "image_url", "input_image", "document",
            "file", "input_file", "input_audio");

    /** With {@code tokens} null the text is not tokenized ({@code textTokens} is 0): the cheap structural tally. */
    static RequestBodyTally of(JsonNode body, TokenCounter.ModelTokens tokens) {
        Walk walk = new Walk(tokens);
        walk.visit(body);
        JsonNode input = body.path("input");
        int messages = body.path("messages").size() + (input.isArray() ? input.size() : input.isTextual() ? 1 : 0);
        if (body.hasNonNull("system") || body.hasNonNull("instructions")) messages++;
        return new RequestBodyTally(walk.text, walk.attachments, messages, body.path("tools").size(), walk.caching);
    }

    private static final class Walk {
        private final TokenCounter.ModelTokens tokens;
        long text;
        int attachments;
        boolean caching;

        Walk(TokenCounter.ModelTokens tokens) { this.tokens = tokens; }

        void visit(JsonNode node) {
            if (node.isTextual()) {
                if (node.asText().startsWith("data:")) attachments++;
                else if (tokens != null) text += tokens.count(node.asText());
            } else if (node.isArray()) {
                node.forEach(this::visit);
            } else if (node.isObject()) {
                if (ATTACHMENT_TYPES.contains(node.path("type").asText())) {
                    attachments++;
                    return;
                }
                for (Map.Entry<String, JsonNode> field : node.properties()) visitField(field.getKey(), field.getValue());
            }
        }

        private void visitField(String name, JsonNode value) {
            if (name.equals("cache_control")) caching = true;
            else if (SCHEMAS.contains(name)) text += tokens == null ? 0 : tokens.count(value.toString());
            else if (!SKIPPED.contains(name)) visit(value);
        }
    }
}
