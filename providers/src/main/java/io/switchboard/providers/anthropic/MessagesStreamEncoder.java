package io.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.model.Usage;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.WireIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Neutral events → Anthropic stream events (provider-apis.md B2), each with its {@code event:} line. Blocks are
 * strictly sequential on this wire, so a block still open when the next one starts is stopped first. Thinking
 * is not re-encoded: without Anthropic's signature a client could not send it back.
 */
final class MessagesStreamEncoder implements StreamEncoder {
    /** Neutral part index → Anthropic block index. */
    private final Map<Integer, Integer> blocks = new HashMap<>();
    private int openBlock = -1;
    private Usage startUsage = Usage.ZERO;
    private boolean finished;

    @Override
    public List<SseEvent> encode(StreamEvent event) {
        if (finished) return List.of();
        return switch (event) {
            case StreamEvent.MessageStart s -> {
                startUsage = s.usage();
                ObjectNode message = Json.object();
                message.put("id", WireIds.withPrefix(s.id(), MessagesResponseCodec.ID_PREFIX));
                message.put("type", "message").put("role", "assistant").put("model", s.model());
                message.putArray("content");
                message.putNull("stop_reason");
                message.putNull("stop_sequence");
                message.set("usage", MessagesUsage.encode(s.usage()));
                ObjectNode data = Json.object().put("type", "message_start");
                data.set("message", message);
                yield List.of(frame("message_start", data));
            }
            case StreamEvent.TextStart t -> startBlock(t.index(), Json.object().put("type", "text").put("text", ""));
            case StreamEvent.ToolCallStart t -> {
                ObjectNode block = Json.object().put("type", "tool_use").put("id", t.id()).put("name", t.name());
                block.putObject("input");
                yield startBlock(t.index(), block);
            }
            case StreamEvent.TextDelta t -> delta(t.index(), Json.object().put("type", "text_delta").put("text", t.text()));
            case StreamEvent.ToolArgumentsDelta a ->
                    delta(a.index(), Json.object().put("type", "input_json_delta").put("partial_json", a.partialJson()));
            case StreamEvent.PartStop p -> {
                Integer block = blocks.get(p.index());
                if (block == null || block != openBlock) yield List.of();
                openBlock = -1;
                yield List.of(blockStop(block));
            }
            case StreamEvent.MessageStop stop -> {
                finished = true;
                List<SseEvent> out = new ArrayList<>(3);
                if (openBlock >= 0) out.add(blockStop(openBlock));
                ObjectNode data = Json.object().put("type", "message_delta");
                data.putObject("delta").put("stop_reason", MessagesStopReasons.encode(stop.stopReason()))
                        .put("stop_sequence", stop.stopSequence());
                // Cumulative usage; input counts are repeated because an OpenAI upstream only reports them at the end.
                data.set("usage", MessagesUsage.encode(stop.usage().inputTokens() == 0 ? withInput(stop.usage()) : stop.usage()));
                out.add(frame("message_delta", data));
                out.add(frame("message_stop", Json.object().put("type", "message_stop")));
                yield out;
            }
            case StreamEvent.Error e -> {
                finished = true;
                yield List.of(frame("error", MessagesErrors.encode(e.error())));
            }
            case StreamEvent.ThinkingDelta ignored -> List.of();
        };
    }

    private Usage withInput(Usage end) {
        return new Usage(startUsage.inputTokens(), end.outputTokens(), startUsage.cachedInputTokens(),
                startUsage.cacheWriteTokens(), end.reasoningTokens());
    }

    private List<SseEvent> startBlock(int index, ObjectNode block) {
        List<SseEvent> out = new ArrayList<>(2);
        if (openBlock >= 0) out.add(blockStop(openBlock));
        int wireIndex = blocks.size();
        blocks.put(index, wireIndex);
        openBlock = wireIndex;
        ObjectNode data = Json.object().put("type", "content_block_start").put("index", wireIndex);
        data.set("content_block", block);
        out.add(frame("content_block_start", data));
        return out;
    }

    private List<SseEvent> delta(int index, ObjectNode delta) {
        Integer block = blocks.get(index);
        if (block == null) return List.of();
        ObjectNode data = Json.object().put("type", "content_block_delta").put("index", block);
        data.set("delta", delta);
        return List.of(frame("content_block_delta", data));
    }

    private static SseEvent blockStop(int block) {
        return frame("content_block_stop", Json.object().put("type", "content_block_stop").put("index", block));
    }

    private static SseEvent frame(String type, ObjectNode data) { return SseEvent.of(type, Json.write(data)); }
}
