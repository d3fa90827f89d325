package io.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.model.Usage;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.UpstreamFrames;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic stream events (provider-apis.md B2) → neutral events. The mapping is direct, except that blocks
 * with no neutral form (server tool use and its results, redacted thinking) are skipped and the remaining
 * parts renumbered from 0; {@code message_delta} only records the stop reason and cumulative usage, which
 * {@code message_stop} then reports.
 */
final class MessagesStreamDecoder implements StreamDecoder {
    private final Clock clock;
    /** Anthropic block index → neutral part index, for the blocks that have one. */
    private final Map<Integer, Integer> indexes = new HashMap<>();
    private int nextIndex;
    private Usage usage = Usage.ZERO;
    private StopReason stopReason;
    private String stopSequence;
    private boolean stopped;

    MessagesStreamDecoder(Clock clock) { this.clock = clock; }

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        if (stopped) return List.of();
        JsonNode data = UpstreamFrames.parse(event.data());
        if (data == null) {
            stopped = true;
            return UpstreamFrames.malformed("event");
        }
        String type = event.event() != null ? event.event() : Json.text(data, "type");
        if (type == null) return List.of();
        return switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                usage = MessagesUsage.decode(message.get("usage"));
                yield List.of(new StreamEvent.MessageStart(Json.text(message, "id"), Json.text(message, "model"), usage,
                        clock.instant().getEpochSecond()));
            }
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"));
            case "content_block_delta" -> blockDelta(indexes.get(data.path("index").asInt()), data.path("delta"));
            case "content_block_stop" -> {
                Integer index = indexes.get(data.path("index").asInt());
                yield index == null ? List.of() : List.of(new StreamEvent.PartStop(index));
            }
            case "message_delta" -> {
                JsonNode delta = data.path("delta");
                if (Json.has(delta, "stop_reason")) stopReason = MessagesStopReasons.decode(Json.text(delta, "stop_reason"));
                if (delta.has("stop_sequence")) stopSequence = Json.text(delta, "stop_sequence");
                usage = MessagesUsage.merge(usage, data.get("usage"));
                yield List.of();
            }
            case "message_stop" -> {
                stopped = true;
                yield List.of(new StreamEvent.MessageStop(stopReason != null ? stopReason : StopReason.END_TURN, stopSequence, usage));
            }
            case "error" -> {
                stopped = true;
                yield List.of(new StreamEvent.Error(MessagesErrors.decode(0, data)));
            }
            default -> List.of();
        };
    }

    private List<StreamEvent> blockStart(int wireIndex, JsonNode block) {
        String type = Json.text(block, "type");
        if (type == null) return List.of();
        switch (type) {
            case "text" -> {
                int index = assign(wireIndex);
                String text = Json.text(block, "text");
                return text == null || text.isEmpty() ? List.of(new StreamEvent.TextStart(index))
                        : List.of(new StreamEvent.TextStart(index), new StreamEvent.TextDelta(index, text));
            }
            case "tool_use" -> {
                int index = assign(wireIndex);
                return List.of(new StreamEvent.ToolCallStart(index, Json.text(block, "id"), Json.text(block, "name")));
            }
            case "thinking" -> {
                assign(wireIndex);
                return List.of();
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<StreamEvent> blockDelta(Integer index, JsonNode delta) {
        if (index == null) return List.of();
        String type = Json.text(delta, "type");
        if (type == null) return List.of();
        return switch (type) {
            case "text_delta" -> {
                String text = Json.text(delta, "text");
                yield text == null || text.isEmpty() ? List.of() : List.of(new StreamEvent.TextDelta(index, text));
            }
            case "input_json_delta" -> {
                String partial = Json.text(delta, "partial_json");
                yield partial == null || partial.isEmpty() ? List.of() : List.of(new StreamEvent.ToolArgumentsDelta(index, partial));
            }
            case "thinking_delta" -> {
                String thinking = Json.text(delta, "thinking");
                yield thinking == null ? List.of() : List.of(new StreamEvent.ThinkingDelta(index, thinking));
            }
            default -> List.of();
        };
    }

    private int assign(int wireIndex) {
        int index = nextIndex++;
        indexes.put(wireIndex, index);
        return index;
    }
}
