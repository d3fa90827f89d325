package io.switchboard.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI models the simulator serves (Claude models are {@code AnthropicModels}), with the dated snapshot each alias resolves to (as the real APIs report
 * the snapshot in the {@code model} field of an answer).
 */
public final class ModelCatalog {

    /** A served model: its alias, the snapshot it resolves to, and when it was "created". */
    public record Model(String id, String snapshot, Instant created) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<Model> OPENAI_CHAT = List.of(
            new Model("gpt-4o", "gpt-4o-2024-08-06", Instant.parse("2024-05-10T18:50:49Z")),
            new Model("gpt-4o-mini", "gpt-4o-mini-2024-07-18", Instant.parse("2024-07-16T23:32:21Z")),
            new Model("gpt-4.1", "gpt-4.1-2025-04-14", Instant.parse("2025-04-10T22:22:22Z")),
            new Model("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14", Instant.parse("2025-04-10T20:49:33Z")),
            new Model("gpt-5", "gpt-5-2025-08-07", Instant.parse("2025-08-05T20:57:15Z")),
            new Model("gpt-5-mini", "gpt-5-mini-2025-08-07", Instant.parse("2025-08-05T20:47:53Z")));

    private static final List<Model> OPENAI_EMBEDDING = List.of(
            new Model("text-embedding-3-small", "text-embedding-3-small", Instant.parse("2024-01-22T18:43:17Z")),
            new Model("text-embedding-3-large", "text-embedding-3-large", Instant.parse("2024-01-22T19:10:12Z")));

    private static final Map<String, Model> BY_NAME = new LinkedHashMap<>();

    static {
        for (List<Model> family : List.of(OPENAI_CHAT, OPENAI_EMBEDDING)) {
            for (Model m : family) {
                BY_NAME.put(m.id(), m);
                BY_NAME.put(m.snapshot(), m);
            }
        }
    }

    private ModelCatalog() {}

    /** The model an alias or snapshot id names, or null. */
    public static Model find(String name) { return name == null ? null : BY_NAME.get(name); }

    public static boolean isOpenAiChat(String name) {
        Model m = find(name);
        return m != null && OPENAI_CHAT.contains(m);
    }

    public static boolean isOpenAiEmbedding(String name) {
        Model m = find(name);
        return m != null && OPENAI_EMBEDDING.contains(m);
    }

    /** {@code GET /v1/models/{id}} for OpenAI, or null when the simulator does not serve that model. */
    public static String openAiModel(String id) {
        Model m = find(id);
        if (m == null) return null;
        return JSON.createObjectNode().put("id", id).put("object", "model")
                .put("created", m.created().getEpochSecond()).put("owned_by", "system").toString();
    }

    /** {@code GET /v1/models} for OpenAI: {@code {"object":"list","data":[{id,object,created,owned_by}]}}. */
    public static String openAiList() {
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (List<Model> family : List.of(OPENAI_CHAT, OPENAI_EMBEDDING)) {
            for (Model m : family) {
                for (String id : m.id().equals(m.snapshot()) ? List.of(m.id()) : List.of(m.id(), m.snapshot())) {
                    data.addObject().put("id", id).put("object", "model")
                            .put("created", m.created().getEpochSecond()).put("owned_by", "system");
                }
            }
        }
        return root.toString();
    }
}
