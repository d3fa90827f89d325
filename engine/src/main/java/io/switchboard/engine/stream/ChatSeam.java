package io.switchboard.engine.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.wire.SseEvent;
import java.util.List;

/**
 * OpenAI Chat Completions: regenerate and verify. Chat Completions has no resume and does not document a
 * trailing assistant message as a prefix to continue (a model may treat it as a finished turn), so appending
 * the text so far cannot be made exact. Instead the original request is sent again unchanged (deterministic
 * for a deterministic model: {@code temperature: 0} with a {@code seed}, or the simulator), the regenerated
 * text is compared with what the client already has, character by character, and only what comes after it is
 * passed on, in chunks carrying the first attempt's {@code id} and {@code created}. If the regeneration
 * differs from the delivered text, the stream ends with a {@value #DIVERGED} error instead of a seam that
 * does not join. The regenerated stream's final usage covers the whole answer, so usage is reported once.
 */
final class ChatSeam extends Seam {
    private boolean continuing;
    private String id;
    private JsonNode created;
    private boolean roleSent;
    private String expected = "";
    private int matched;

    ChatSeam(RecoveryRequest original) { super(original); }

    @Override
    List<SseEvent> observe(SseEvent event) {
        String raw = event.data();
        if ("[DONE]".equals(raw)) {
            terminal = true;
            return List.of(event);
        }
        JsonNode data = parse(raw);
        if (!(data instanceof ObjectNode chunk)) return List.of(event);
        if (chunk.has("error")) {
            terminal = true;
            return List.of(event);
        }
        return continuing ? continued(event, chunk) : first(event, chunk);
    }

    private List<SseEvent> first(SseEvent event, ObjectNode chunk) {
        deliveredAny = true;
        if (id == null) {
            id = chunk.path("id").asText(null);
            created = chunk.get("created");
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) onlyText = false;
            JsonNode delta = choice.path("delta");
            if (delta.has("role")) roleSent = true;
            if (delta.path("content").isTextual()) text.append(delta.path("content").asText());
            if (notEmpty(delta.get("tool_calls")) || notEmpty(delta.get("function_call")) || notEmpty(delta.get("refusal"))) {
                onlyText = false;
            }
        }
        return List.of(event);
    }

    private List<SseEvent> continued(SseEvent event, ObjectNode chunk) {
        JsonNode choices = chunk.path("choices");
        boolean changed = false;
        if (choices.size() > 0 && choices.get(0).path("delta") instanceof ObjectNode delta) {
            String content = delta.path("content").isTextual() ? delta.path("content").asText() : "";
            boolean finishing = !choices.get(0).path("finish_reason").isNull() && choices.get(0).has("finish_reason");
            String rest = content;
            if (matched < expected.length()) {
                int common = Math.min(content.length(), expected.length() - matched);
                if (!content.regionMatches(0, expected, matched, common)) {
                    fail(DIVERGED, "the upstream stream broke and the regenerated answer differs from the text already sent");
                    return List.of();
                }
                matched += common;
                rest = content.substring(common);
                if (finishing && matched < expected.length()) {
                    fail(DIVERGED, "the upstream stream broke and the regenerated answer is shorter than the text already sent");
                    return List.of();
                }
            }
            if (roleSent && delta.has("role")) {
                delta.remove("role");
                changed = true;
            }
            if (!rest.equals(content)) {
                delta.put("content", rest);
                changed = true;
            }
            if (rest.isEmpty() && !finishing && delta.path("tool_calls").isMissingNode()) {
                dropped(event);
                return List.of();
            }
            text.append(rest);
        }
        if (id != null && !id.equals(chunk.path("id").asText())) {
            chunk.put("id", id);
            if (created != null) chunk.set("created", created);
            changed = true;
        }
        return List.of(changed ? new SseEvent(event.event(), json(chunk), event.id()) : event);
    }

    private static boolean notEmpty(JsonNode n) {
        return n != null && !n.isNull() && !(n.isContainerNode() && n.isEmpty()) && !(n.isTextual() && n.asText().isEmpty());
    }

    @Override
    Continuation planContinuation() {
        if (!deliveredAny) return resendOriginal();
        if (!onlyText) return new Continuation.Impossible(unsupported("it held tool calls, a refusal or several choices"));
        continuing = true;
        expected = text.toString();
        matched = 0;
        return new Continuation.Resend("POST", original.uri(), original.followUpHeaders(true), original.body());
    }

    @Override
    List<SseEvent> errorEvents(ProviderError error) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("error").put("message", error.message()).put("type", "server_error").putNull("param").put("code", error.code());
        return List.of(SseEvent.data(json(body)));
    }

    @Override
    boolean continuing() { return continuing; }

    @Override
    void restart() {
        continuing = false;
        deliveredAny = false;
        id = null;
        created = null;
        roleSent = false;
        onlyText = true;
        text.setLength(0);
    }
}
