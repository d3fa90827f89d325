package io.switchboard.providers.openai.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.openai.OpenAiErrors;
import io.switchboard.providers.wire.WireIds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Neutral events → {@code chat.completion.chunk} frames (provider-apis.md A2, streaming): {@code data:} lines
 * only, the same {@code id} and {@code created} in every chunk, a first delta {@code {role, content:""}}, tool
 * calls numbered from 0 in order of appearance, a final chunk with {@code finish_reason}, a usage chunk with
 * {@code choices: []} (always sent, as with {@code include_usage}), then {@code [DONE]}.
 */
final class ChatStreamEncoder implements StreamEncoder {
    private static final SseEvent DONE = SseEvent.data("[DONE]");

    private final Map<Integer, Integer> toolCallIndexes = new HashMap<>();
    private String id;
    private String model;
    private long created;
    private boolean started;
    private boolean finished;

    @Override
    public List<SseEvent> encode(StreamEvent event) {
        if (finished) return List.of();
        return switch (event) {
            case StreamEvent.MessageStart s -> {
                id = WireIds.withPrefix(s.id(), ChatResponseCodec.ID_PREFIX);
                model = s.model();
                created = s.createdAt();
                started = true;
                ObjectNode chunk = chunk();
                delta(chunk).put("role", "assistant").put("content", "");
                yield List.of(frame(chunk));
            }
            case StreamEvent.TextDelta t -> {
                ObjectNode chunk = chunk();
                delta(chunk).put("content", t.text());
                yield List.of(frame(chunk));
            }
            case StreamEvent.ToolCallStart t -> {
                int wireIndex = toolCallIndexes.size();
                toolCallIndexes.put(t.index(), wireIndex);
                ObjectNode chunk = chunk();
                ObjectNode call = delta(chunk).putArray("tool_calls").addObject()
                        .put("index", wireIndex).put("id", t.id()).put("type", "function");
                call.putObject("function").put("name", t.name()).put("arguments", "");
                yield List.of(frame(chunk));
            }
            case StreamEvent.ToolArgumentsDelta a -> {
                Integer wireIndex = toolCallIndexes.get(a.index());
                if (wireIndex == null) yield List.of();
                ObjectNode chunk = chunk();
                delta(chunk).putArray("tool_calls").addObject().put("index", wireIndex)
                        .putObject("function").put("arguments", a.partialJson());
                yield List.of(frame(chunk));
            }
            case StreamEvent.MessageStop stop -> {
                finished = true;
                ObjectNode last = chunk();
                choice(last).put("finish_reason", ChatFinishReasons.encode(stop.stopReason()));
                ObjectNode usage = chunk();
                usage.putArray("choices");
                usage.set("usage", ChatUsage.encode(stop.usage()));
                yield List.of(frame(last), frame(usage), DONE);
            }
            case StreamEvent.Error e -> {
                finished = true;
                yield List.of(SseEvent.data(Json.write(OpenAiErrors.encode(e.error()))));
            }
            // Chat has no part boundaries and no standard reasoning field.
            case StreamEvent.TextStart ignored -> List.of();
            case StreamEvent.PartStop ignored -> List.of();
            case StreamEvent.ThinkingDelta ignored -> List.of();
        };
    }

    private ObjectNode chunk() {
        if (!started) {
            // Defensive: a stream that skipped MessageStart still gets one stable id.
            id = WireIds.withPrefix(null, ChatResponseCodec.ID_PREFIX);
            started = true;
        }
        ObjectNode chunk = Json.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.putNull("system_fingerprint");
        return chunk;
    }

    /** Adds the single choice, with an empty delta, to {@code chunk}. */
    private static ObjectNode choice(ObjectNode chunk) {
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        return choice;
    }

    private static ObjectNode delta(ObjectNode chunk) { return (ObjectNode) choice(chunk).get("delta"); }

    private static SseEvent frame(ObjectNode chunk) { return SseEvent.data(Json.write(chunk)); }
}
