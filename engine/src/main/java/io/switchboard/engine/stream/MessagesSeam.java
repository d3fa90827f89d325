package io.switchboard.engine.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.engine.EngineJson;
import java.util.List;

/**
 * Anthropic Messages: continues by asking again with the text delivered so far as a trailing assistant message,
 * which the model continues (provider-apis.md B: "If the last message is from the assistant, the reply continues
 * that prefill"). Anthropic refuses a prefill that ends in whitespace, so trailing whitespace is held back and
 * removed from the start of the continuation (the overlap at the seam). The continuation's own
 * {@code message_start} and the already open text block's start and stop are dropped; its {@code message_delta}
 * usage is rewritten to count the first attempt's input once and the whole answer's output: the prefix was
 * billed as input of the continuation, so its tokens are the continuation's input minus the original input.
 */
final class MessagesSeam extends Seam {
    private boolean continuing;
    private long inputTokens = -1;
    private long continuationInputTokens = -1;
    private boolean blockStarted;
    private boolean blockStopped;
    private boolean messageDeltaSent;
    private String heldWhitespace = "";

    MessagesSeam(RecoveryRequest original) { super(original); }

    @Override
    List<SseEvent> observe(SseEvent event) {
        JsonNode data = parse(event.data());
        if (data == null) return List.of(event);
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        int index = data.path("index").asInt(-1);
        switch (type) {
            case "message_start" -> {
                long input = data.path("message").path("usage").path("input_tokens").asLong(-1);
                if (continuing) {
                    continuationInputTokens = input;
                    dropped(event);
                    return List.of();
                }
                inputTokens = input;
                deliveredAny = true;
            }
            case "content_block_start" -> {
                boolean text0 = index == 0 && "text".equals(data.path("content_block").path("type").asText());
                if (!text0) onlyText = false;
                if (text0 && blockStarted) {
                    dropped(event);
                    return List.of();
                }
                if (text0) blockStarted = true;
            }
            case "content_block_delta" -> {
                if (index != 0 || !"text_delta".equals(data.path("delta").path("type").asText())) {
                    onlyText = false;
                    break;
                }
                return textDelta(event, (ObjectNode) data);
            }
            case "content_block_stop" -> {
                if (index == 0 && blockStopped) {
                    dropped(event);
                    return List.of();
                }
                if (index == 0) blockStopped = true;
            }
            case "message_delta" -> {
                if (messageDeltaSent) {
                    dropped(event);
                    return List.of();
                }
                messageDeltaSent = true;
                if (continuing) return List.of(withWholeUsage(event, (ObjectNode) data));
            }
            case "message_stop", "error" -> terminal = true;
            default -> { }
        }
        return List.of(event);
    }

    private List<SseEvent> textDelta(SseEvent event, ObjectNode data) {
        String delta = data.path("delta").path("text").asText("");
        if (!heldWhitespace.isEmpty()) {
            int k = 0;
            while (k < delta.length() && k < heldWhitespace.length() && delta.charAt(k) == heldWhitespace.charAt(k)) k++;
            if (k == delta.length()) {
                heldWhitespace = heldWhitespace.substring(k);
                dropped(event);
                return List.of();
            }
            // The model went on without (all of) the whitespace: the client already has it, keep the rest.
            heldWhitespace = "";
            if (k > 0) {
                dedupedBytes += k;
                delta = delta.substring(k);
                ((ObjectNode) data.path("delta")).put("text", delta);
                text.append(delta);
                return List.of(new SseEvent(event.event(), json(data), event.id()));
            }
        }
        text.append(delta);
        return List.of(event);
    }

    private SseEvent withWholeUsage(SseEvent event, ObjectNode data) {
        if (data.path("usage") instanceof ObjectNode usage && inputTokens >= 0) {
            long output = usage.path("output_tokens").asLong(0);
            long prefixTokens = Math.max(0, continuationInputTokens - inputTokens);
            if (usage.has("input_tokens")) usage.put("input_tokens", inputTokens);
            usage.put("output_tokens", output + prefixTokens);
            return new SseEvent(event.event(), json(data), event.id());
        }
        return event;
    }

    @Override
    Continuation planContinuation() {
        if (!deliveredAny) return resendOriginal();
        if (!onlyText) return new Continuation.Impossible(unsupported("it held tool use or thinking, not only text"));
        ObjectNode body = parseBody(original.body());
        if (body == null || !(body.get("messages") instanceof ArrayNode messages)) {
            return new Continuation.Impossible(unsupported("the request has no messages array"));
        }
        String delivered = text.toString();
        String prefix = delivered.stripTrailing();
        heldWhitespace = delivered.substring(prefix.length());
        if (!prefix.isEmpty() && !appendPrefill(messages, prefix)) {
            return new Continuation.Impossible(unsupported("the request already ends with an assistant message that is not text"));
        }
        if (body.path("max_tokens").canConvertToLong()) {
            body.put("max_tokens", Math.max(1, body.path("max_tokens").asLong() - PrefixTokens.count(original.model(), prefix)));
        }
        continuing = true;
        continuationInputTokens = -1;
        return new Continuation.Resend("POST", original.uri(), original.followUpHeaders(true), EngineJson.bytes(body));
    }

    /** Adds {@code prefix} as (or to) a final assistant message; false when that message cannot take text. */
    private static boolean appendPrefill(ArrayNode messages, String prefix) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last instanceof ObjectNode m && "assistant".equals(m.path("role").asText())) {
            JsonNode content = m.get("content");
            if (content != null && content.isTextual()) {
                m.put("content", content.asText() + prefix);
                return true;
            }
            if (content instanceof ArrayNode blocks && !blocks.isEmpty() && blocks.get(blocks.size() - 1) instanceof ObjectNode b
                    && "text".equals(b.path("type").asText())) {
                b.put("text", b.path("text").asText() + prefix);
                return true;
            }
            return false;
        }
        messages.addObject().put("role", "assistant").put("content", prefix);
        return true;
    }

    @Override
    List<SseEvent> errorEvents(ProviderError error) {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "error");
        event.putObject("error").put("type", "api_error").put("message", "[" + error.code() + "] " + error.message());
        return List.of(SseEvent.of("error", json(event)));
    }

    @Override
    boolean continuing() { return continuing; }

    @Override
    void restart() {
        continuing = false;
        deliveredAny = false;
        blockStarted = blockStopped = messageDeltaSent = false;
        inputTokens = continuationInputTokens = -1;
        heldWhitespace = "";
        onlyText = true;
        text.setLength(0);
    }
}
