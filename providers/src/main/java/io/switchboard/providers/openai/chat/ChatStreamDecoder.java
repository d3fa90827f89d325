package io.switchboard.providers.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.model.Usage;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamDecoder;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.openai.OpenAiErrors;
import io.switchboard.providers.wire.UpstreamFrames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat Completions chunks → neutral events. Chat has no part boundaries, so they are synthesised: a text part
 * opens when text first appears, each {@code tool_calls[].index} gets the next neutral index, and a part closes
 * when the next one opens or the choice finishes. {@code finish_reason} comes before the optional usage chunk,
 * so {@link StreamEvent.MessageStop} waits for the usage chunk or {@code [DONE]}, whichever comes first.
 */
final class ChatStreamDecoder implements StreamDecoder {
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private boolean started;
    private boolean stopped;
    private int nextIndex;
    private int textIndex = -1;
    private int openIndex = -1;
    private StopReason stopReason;
    private boolean refusal;
    private Usage usage;

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        if (stopped) return List.of();
        String data = event.data() == null ? "" : event.data().strip();
        if (data.equals("[DONE]")) return finish(new ArrayList<>());
        if (data.isEmpty()) return List.of();
        JsonNode chunk = UpstreamFrames.parse(data);
        if (chunk == null) {
            stopped = true;
            return UpstreamFrames.malformed("chunk");
        }
        if (Json.has(chunk, "error")) {
            stopped = true;
            return List.of(new StreamEvent.Error(OpenAiErrors.decodeStreamError(chunk.get("error"))));
        }
        List<StreamEvent> out = new ArrayList<>(3);
        if (!started) {
            started = true;
            out.add(new StreamEvent.MessageStart(Json.text(chunk, "id"), Json.text(chunk, "model"), Usage.ZERO,
                    Json.longValue(chunk, "created")));
        }
        JsonNode usageNode = chunk.get("usage");
        if (usageNode != null && usageNode.isObject()) usage = ChatUsage.decode(usageNode);
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) continue;
            readDelta(choice.path("delta"), out);
            String finish = Json.text(choice, "finish_reason");
            if (finish != null) {
                stopReason = ChatFinishReasons.decode(finish);
                if (refusal && stopReason == StopReason.END_TURN) stopReason = StopReason.REFUSAL;
                closeOpenPart(out);
            }
        }
        if (stopReason != null && usage != null) finish(out);
        return out;
    }

    private void readDelta(JsonNode delta, List<StreamEvent> out) {
        String content = Json.text(delta, "content");
        if (content != null && !content.isEmpty()) text(content, out);
        String refusalText = Json.text(delta, "refusal");
        if (refusalText != null && !refusalText.isEmpty()) {
            refusal = true;
            text(refusalText, out);
        }
        for (JsonNode call : delta.path("tool_calls")) {
            int wireIndex = call.path("index").asInt(0);
            JsonNode fn = call.path("function");
            Integer index = toolIndexes.get(wireIndex);
            if (index == null) {
                closeOpenPart(out);
                index = nextIndex++;
                toolIndexes.put(wireIndex, index);
                openIndex = index;
                String id = Json.text(call, "id");
                String name = Json.text(fn, "name");
                out.add(new StreamEvent.ToolCallStart(index, id != null ? id : "call_" + index, name != null ? name : ""));
            }
            String args = Json.text(fn, "arguments");
            // A fragment for an already closed call (interleaved indexes) keeps its own index.
            if (args != null && !args.isEmpty()) out.add(new StreamEvent.ToolArgumentsDelta(index, args));
        }
    }

    private void text(String text, List<StreamEvent> out) {
        if (textIndex < 0 || openIndex != textIndex) {
            closeOpenPart(out);
            textIndex = nextIndex++;
            openIndex = textIndex;
            out.add(new StreamEvent.TextStart(textIndex));
        }
        out.add(new StreamEvent.TextDelta(textIndex, text));
    }

    private void closeOpenPart(List<StreamEvent> out) {
        if (openIndex >= 0) out.add(new StreamEvent.PartStop(openIndex));
        openIndex = -1;
    }

    private List<StreamEvent> finish(List<StreamEvent> out) {
        if (!started) {
            started = true;
            out.add(new StreamEvent.MessageStart(null, null, Usage.ZERO, 0));
        }
        closeOpenPart(out);
        StopReason reason = stopReason != null ? stopReason : StopReason.END_TURN;
        out.add(new StreamEvent.MessageStop(reason, null, usage != null ? usage : Usage.ZERO));
        stopped = true;
        return out;
    }
}
