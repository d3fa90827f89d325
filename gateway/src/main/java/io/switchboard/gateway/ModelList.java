package io.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Relay;
import io.switchboard.core.chain.Reply;
import io.switchboard.engine.EngineJson;
import io.switchboard.engine.Switchboard;
import io.switchboard.engine.config.ProviderConfig;
import io.switchboard.engine.transport.WireFormatLookup;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/models}: the route aliases (owned by {@code switchboard}) followed by the models each
 * provider kind lists, merged and rendered in OpenAI's list shape, or Anthropic's when the client sent
 * {@code anthropic-version} (shapes per the openai-openapi spec {@code ListModelsResponse} and Anthropic's
 * "List Models" reference). A provider that cannot be reached is left out rather than failing the list.
 */
final class ModelList {
    private record Entry(String id, String ownedBy, long created, String displayName, String lifecycle) {}

    private final Switchboard engine;

    ModelList(Switchboard engine) { this.engine = engine; }

    CompletionStage<Reply> list(boolean anthropicShape, String keyId, String requestId, Map<String, String> headers) {
        Set<String> kinds = new LinkedHashSet<>();
        engine.config().providers().values().forEach(p -> kinds.add(p.kind()));
        List<CompletableFuture<List<Entry>>> lists = new ArrayList<>();
        for (String kind : kinds) {
            String path = kind.equals(ProviderConfig.ANTHROPIC) ? "/v1/models?limit=1000" : "/v1/models";
            Call call = engine.newCall(WireFormatLookup.nativeFormat(kind)).requestId(requestId).keyId(keyId).headers(headers)
                    .relay(new Relay(kind, "GET", path)).build();
            lists.add(engine.handle(call).thenApply(ModelList::entries).toCompletableFuture());
        }
        return CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, Entry> merged = new LinkedHashMap<>();
            engine.config().routes().keySet().forEach(alias -> merged.put(alias, new Entry(alias, "switchboard", 0, alias, "active")));
            lists.forEach(l -> l.join().forEach(e -> merged.putIfAbsent(e.id(), e)));
            ObjectNode body = anthropicShape ? anthropic(merged.values()) : openAi(merged.values());
            return new Reply.Complete(200, Map.of("content-type", "application/json"), EngineJson.bytes(body), null);
        });
    }

    private static List<Entry> entries(Reply reply) {
        List<Entry> out = new ArrayList<>();
        if (!(reply instanceof Reply.Complete c) || c.isError()) return out;
        JsonNode data = EngineJson.parseOrNull(c.body()) instanceof JsonNode n ? n.path("data") : null;
        if (data == null || !data.isArray()) return out;
        for (JsonNode m : data) {
            String id = m.path("id").asText("");
            if (id.isEmpty()) continue;
            if (m.has("created_at")) {
                out.add(new Entry(id, "anthropic", epochSeconds(m.path("created_at").asText()), m.path("display_name").asText(id),
                        m.path("lifecycle").asText("active")));
            } else {
                out.add(new Entry(id, m.path("owned_by").asText("openai"), m.path("created").asLong(0), id, "active"));
            }
        }
        return out;
    }

    private static ObjectNode openAi(Iterable<Entry> models) {
        ObjectNode body = EngineJson.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        for (Entry e : models) {
            data.addObject().put("id", e.id()).put("object", "model").put("created", e.created()).put("owned_by", e.ownedBy());
        }
        return body;
    }

    private static ObjectNode anthropic(Iterable<Entry> models) {
        ObjectNode body = EngineJson.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (Entry e : models) {
            data.addObject().put("type", "model").put("id", e.id()).put("display_name", e.displayName())
                    .put("created_at", Instant.ofEpochSecond(e.created()).toString())
                    .put("lifecycle", e.lifecycle()); // required by anthropic-java's ModelInfo
        }
        body.put("has_more", false);
        if (data.isEmpty()) body.putNull("first_id").putNull("last_id");
        else body.put("first_id", data.get(0).get("id").asText()).put("last_id", data.get(data.size() - 1).get("id").asText());
        return body;
    }

    private static long epochSeconds(String rfc3339) {
        try {
            return Instant.parse(rfc3339).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
