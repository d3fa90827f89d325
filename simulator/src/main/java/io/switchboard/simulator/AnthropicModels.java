package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Claude models the simulator serves: dated snapshots, the aliases that resolve to them, and their output
 * limits (from Anthropic's models overview and pricing pages, see provider-apis.md B6).
 */
final class AnthropicModels {

    /** A served snapshot. {@code alias} may be null when the snapshot has none here. */
    record Model(String id, String alias, String displayName, String createdAt, int maxOutputTokens, boolean deprecated) {}

    static final int CONTEXT_WINDOW = 200_000;

    // Newest first, as GET /v1/models lists them.
    private static final List<Model> MODELS = List.of(
        new Model("claude-haiku-4-5-20251001", "claude-haiku-4-5", "Claude Haiku 4.5", "2025-10-15T00:00:00Z", 64_000, false),
        new Model("claude-sonnet-4-5-20250929", "claude-sonnet-4-5", "Claude Sonnet 4.5", "2025-09-29T00:00:00Z", 64_000, false),
        new Model("claude-opus-4-1-20250805", "claude-opus-4-1", "Claude Opus 4.1", "2025-08-05T00:00:00Z", 32_000, false),
        new Model("claude-sonnet-4-20250514", null, "Claude Sonnet 4", "2025-05-22T00:00:00Z", 64_000, false),
        new Model("claude-3-5-haiku-20241022", null, "Claude Haiku 3.5", "2024-10-22T00:00:00Z", 8_192, true));

    private static final Map<String, Model> BY_NAME = new LinkedHashMap<>();

    static {
        for (Model m : MODELS) {
            BY_NAME.put(m.id(), m);
            if (m.alias() != null) BY_NAME.put(m.alias(), m);
        }
    }

    private AnthropicModels() {}

    /** The snapshot an id or alias names, or null when the simulator does not serve it. */
    static Model find(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    /** {@code GET /v1/models}: {@code {"data":[ModelInfo…],"has_more":false,"first_id":…,"last_id":…}}. */
    static JsonNode list() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode data = root.putArray("data");
        for (Model m : MODELS) data.add(info(m));
        root.put("has_more", false);
        root.put("first_id", MODELS.getFirst().id());
        root.put("last_id", MODELS.getLast().id());
        return root;
    }

    /** One ModelInfo object, as {@code GET /v1/models/{id}} answers (fields per anthropic-java's ModelInfo). */
    static ObjectNode info(Model m) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "model");
        node.put("id", m.id());
        node.put("display_name", m.displayName());
        node.put("created_at", m.createdAt());
        node.put("lifecycle", m.deprecated() ? "deprecated" : "active");
        node.put("max_input_tokens", CONTEXT_WINDOW);
        node.put("max_tokens", m.maxOutputTokens());
        return node;
    }
}
