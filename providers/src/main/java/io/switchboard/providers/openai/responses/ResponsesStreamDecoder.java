package io.switchboard.providers.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.model.Usage;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.UpstreamFrames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Responses stream events (provider-apis.md A1, "Responses streaming") → neutral events. Each {@code message} or
 * {@code function_call} output item is one neutral part; other items (reasoning, built-in tools) and events
 * are ignored. The stream ends with {@code response.completed} / {@code incomplete} (stop) or
 * {@code response.failed} / {@code error} (error).
 */
final class ResponsesStreamDecoder implements StreamDecoder {
    /** {@code output_index} → neutral part index. */
    private final Map<Integer, Integer> parts = new HashMap<>();
    private final Set<Integer> open = new LinkedHashSet<>();
    private final Set<Integer> argumentsStreamed = new HashSet<>();
    private int nextIndex;
    private boolean toolCall;
    private boolean refusal;
    private boolean stopped;

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        if (stopped) return List.of();
        JsonNode data = UpstreamFrames.parse(event.data());
        if (data == null) {
            stopped = true;
            return UpstreamFrames.malformed("event");
        }
        String type = Json.text(data, "type");
        if (type == null) type = event.event();
        if (type == null) return List.of();
        Integer index = parts.get(data.path("output_index").asInt(-1));
        return switch (type) {
            case "response.created" -> {
                JsonNode r = data.path("response");
                yield List.of(new StreamEvent.MessageStart(Json.text(r, "id"), Json.text(r, "model"), Usage.ZERO,
                        Json.longValue(r, "created_at")));
            }
            case "response.output_item.added" -> itemAdded(data.path("output_index").asInt(), data.path("item"));
            case "response.output_text.delta" -> textDelta(index, Json.text(data, "delta"));
            case "response.refusal.delta" -> {
                refusal = true;
                yield textDelta(index, Json.text(data, "delta"));
            }
            case "response.function_call_arguments.delta" -> {
                String delta = Json.text(data, "delta");
                if (index == null || delta == null || delta.isEmpty()) yield List.of();
                argumentsStreamed.add(index);
                yield List.of(new StreamEvent.ToolArgumentsDelta(index, delta));
            }
            case "response.function_call_arguments.done" -> {
                // Only needed when the arguments arrived whole, without deltas.
                String args = Json.text(data, "arguments");
                if (index == null || argumentsStreamed.contains(index) || args == null || args.isEmpty()) yield List.of();
                argumentsStreamed.add(index);
                yield List.of(new StreamEvent.ToolArgumentsDelta(index, args));
            }
            case "response.output_item.done" -> index != null && open.remove(index) ? List.of(new StreamEvent.PartStop(index)) : List.of();
            case "response.completed", "response.incomplete" -> finish(data.path("response"));
            case "response.failed" -> {
                stopped = true;
                yield List.of(new StreamEvent.Error(ResponsesErrors.decode(data.path("response").path("error"))));
            }
            case "error" -> {
                stopped = true;
                yield List.of(new StreamEvent.Error(ResponsesErrors.decode(data)));
            }
            default -> List.of();
        };
    }

    private List<StreamEvent> itemAdded(int outputIndex, JsonNode item) {
        String type = Json.text(item, "type");
        if ("message".equals(type)) {
            int index = assign(outputIndex);
            return List.of(new StreamEvent.TextStart(index));
        }
        if ("function_call".equals(type)) {
            toolCall = true;
            int index = assign(outputIndex);
            List<StreamEvent> out = new ArrayList<>(2);
            out.add(new StreamEvent.ToolCallStart(index, Json.text(item, "call_id"), Json.text(item, "name")));
            String args = Json.text(item, "arguments");
            if (args != null && !args.isEmpty()) {
                argumentsStreamed.add(index);
                out.add(new StreamEvent.ToolArgumentsDelta(index, args));
            }
            return out;
        }
        return List.of();
    }

    private static List<StreamEvent> textDelta(Integer index, String delta) {
        if (index == null || delta == null || delta.isEmpty()) return List.of();
        return List.of(new StreamEvent.TextDelta(index, delta));
    }

    private List<StreamEvent> finish(JsonNode response) {
        stopped = true;
        List<StreamEvent> out = new ArrayList<>(open.size() + 1);
        for (int index : open) out.add(new StreamEvent.PartStop(index));
        open.clear();
        StopReason reason = ResponsesResponseCodec.stopReason(response, refusal, toolCall);
        out.add(new StreamEvent.MessageStop(reason, null, ResponsesUsage.decode(response.get("usage"))));
        return out;
    }

    private int assign(int outputIndex) {
        int index = nextIndex++;
        parts.put(outputIndex, index);
        open.add(index);
        return index;
    }
}
