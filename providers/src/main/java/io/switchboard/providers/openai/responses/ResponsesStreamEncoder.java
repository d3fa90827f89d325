package io.switchboard.providers.openai.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.StreamEncoder;
import io.switchboard.providers.json.Json;
import io.switchboard.providers.wire.WireIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neutral events → the Responses event sequence (provider-apis.md A1, "Responses streaming"): every frame has an
 * {@code event:} line equal to the JSON {@code type} and a {@code sequence_number} counting from 0;
 * {@code response.created}, {@code response.in_progress}, per part the {@code output_item} /
 * {@code content_part} / delta / done events, and finally {@code response.completed} (or {@code incomplete})
 * with the whole Response, usage included.
 */
final class ResponsesStreamEncoder implements StreamEncoder {
    /** An output item being streamed; {@code text} gathers its text or its arguments. */
    private static final class OpenItem {
        final int outputIndex;
        final String itemId;
        final boolean message;
        final String callId;
        final String name;
        final StringBuilder text = new StringBuilder();

        OpenItem(int outputIndex, String itemId, boolean message, String callId, String name) {
            this.outputIndex = outputIndex;
            this.itemId = itemId;
            this.message = message;
            this.callId = callId;
            this.name = name;
        }
    }

    private final ChatRequest echo;
    private final Map<Integer, OpenItem> open = new LinkedHashMap<>();
    private final List<ObjectNode> output = new ArrayList<>();
    private String id;
    private String model;
    private long createdAt;
    private int sequence;
    private boolean finished;

    /** @param echo the client's request, whose settings the Response objects repeat; null for OpenAI's defaults */
    ResponsesStreamEncoder(ChatRequest echo) { this.echo = echo; }

    @Override
    public List<SseEvent> encode(StreamEvent event) {
        if (finished) return List.of();
        return switch (event) {
            case StreamEvent.MessageStart s -> {
                id = WireIds.withPrefix(s.id(), ResponseObjects.ID_PREFIX);
                model = s.model();
                createdAt = s.createdAt();
                yield List.of(responseEvent("response.created", "in_progress"),
                        responseEvent("response.in_progress", "in_progress"));
            }
            case StreamEvent.TextStart t -> {
                OpenItem item = openItem(t.index(), true, null, null);
                ObjectNode added = event("response.output_item.added").put("output_index", item.outputIndex);
                added.set("item", ResponseObjects.messageItem(item.itemId, "in_progress", Json.array()));
                ObjectNode part = partEvent("response.content_part.added", item);
                part.set("part", ResponseObjects.outputText(""));
                yield List.of(frame(added), frame(part));
            }
            case StreamEvent.TextDelta t -> {
                OpenItem item = open.get(t.index());
                if (item == null || !item.message) yield List.of();
                item.text.append(t.text());
                ObjectNode delta = partEvent("response.output_text.delta", item).put("delta", t.text());
                delta.putArray("logprobs");
                yield List.of(frame(delta));
            }
            case StreamEvent.ToolCallStart t -> {
                OpenItem item = openItem(t.index(), false, t.id(), t.name());
                ObjectNode added = event("response.output_item.added").put("output_index", item.outputIndex);
                added.set("item", ResponseObjects.functionCall(item.itemId, item.callId, item.name, "", "in_progress"));
                yield List.of(frame(added));
            }
            case StreamEvent.ToolArgumentsDelta a -> {
                OpenItem item = open.get(a.index());
                if (item == null || item.message) yield List.of();
                item.text.append(a.partialJson());
                yield List.of(frame(event("response.function_call_arguments.delta").put("item_id", item.itemId)
                        .put("output_index", item.outputIndex).put("delta", a.partialJson())));
            }
            case StreamEvent.PartStop p -> close(p.index());
            case StreamEvent.MessageStop stop -> {
                finished = true;
                List<SseEvent> out = new ArrayList<>();
                for (Integer index : List.copyOf(open.keySet())) out.addAll(close(index));
                String status = ResponseObjects.status(stop.stopReason());
                ArrayNode items = Json.array();
                output.forEach(items::add);
                ObjectNode done = event("completed".equals(status) ? "response.completed" : "response.incomplete");
                done.set("response", ResponseObjects.response(id, createdAt, model, status, items, stop.stopReason(), stop.usage(), echo));
                out.add(frame(done));
                yield out;
            }
            case StreamEvent.Error e -> {
                finished = true;
                yield List.of(frame(ResponsesErrors.event(e.error(), sequence++)));
            }
            case StreamEvent.ThinkingDelta ignored -> List.of();
        };
    }

    private OpenItem openItem(int index, boolean message, String callId, String name) {
        if (id == null) id = WireIds.withPrefix(null, ResponseObjects.ID_PREFIX);
        int outputIndex = output.size();
        output.add(null);
        String itemId = ResponsesResponseCodec.itemId(message ? "msg_" : "fc_", id, outputIndex);
        OpenItem item = new OpenItem(outputIndex, itemId, message, callId, name);
        open.put(index, item);
        return item;
    }

    private List<SseEvent> close(int index) {
        OpenItem item = open.remove(index);
        if (item == null) return List.of();
        String text = item.text.toString();
        if (item.message) {
            ObjectNode textDone = partEvent("response.output_text.done", item).put("text", text);
            textDone.putArray("logprobs");
            ObjectNode partDone = partEvent("response.content_part.done", item);
            partDone.set("part", ResponseObjects.outputText(text));
            ArrayNode content = Json.array().add(ResponseObjects.outputText(text));
            ObjectNode finalItem = ResponseObjects.messageItem(item.itemId, "completed", content);
            output.set(item.outputIndex, finalItem);
            return List.of(frame(textDone), frame(partDone), frame(itemDone(item, finalItem)));
        }
        ObjectNode argsDone = event("response.function_call_arguments.done").put("item_id", item.itemId)
                .put("output_index", item.outputIndex).put("name", item.name).put("arguments", text);
        ObjectNode finalItem = ResponseObjects.functionCall(item.itemId, item.callId, item.name, text, "completed");
        output.set(item.outputIndex, finalItem);
        return List.of(frame(argsDone), frame(itemDone(item, finalItem)));
    }

    private ObjectNode itemDone(OpenItem item, ObjectNode finalItem) {
        ObjectNode done = event("response.output_item.done").put("output_index", item.outputIndex);
        done.set("item", finalItem);
        return done;
    }

    private SseEvent responseEvent(String type, String status) {
        ObjectNode e = event(type);
        e.set("response", ResponseObjects.response(id, createdAt, model, status, Json.array(), null, null, echo));
        return frame(e);
    }

    private ObjectNode partEvent(String type, OpenItem item) {
        return event(type).put("item_id", item.itemId).put("output_index", item.outputIndex).put("content_index", 0);
    }

    private ObjectNode event(String type) { return Json.object().put("type", type).put("sequence_number", sequence++); }

    private static SseEvent frame(ObjectNode data) { return SseEvent.of(data.get("type").textValue(), Json.write(data)); }
}
