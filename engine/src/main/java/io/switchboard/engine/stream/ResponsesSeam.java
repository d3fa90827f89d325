package io.switchboard.engine.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.wire.SseEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * OpenAI Responses: the stream was created in background mode ({@code background: true}), so the provider keeps
 * generating when the connection breaks and replays from a point (provider-apis.md A1, "Background mode,
 * resume": {@code GET /v1/responses/{id}?stream=true&starting_after=N}). The seam resumes after the last
 * {@code sequence_number} received and drops any event whose sequence number it has already passed on, after
 * checking that its content hash matches the one passed on (a replay that differs ends the stream with
 * {@value #DIVERGED} rather than a silent mix).
 * When the gateway itself turned background mode on, the {@code background} flag the client sees in response
 * objects is put back to what the client asked for.
 */
final class ResponsesSeam extends Seam {
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.failed", "response.incomplete", "error");

    private final boolean background;
    private final boolean backgroundForced;
    private long lastSequence = -1;
    private final EventHashes hashes = new EventHashes();
    private String responseId;

    /** @param backgroundForced the client did not ask for background mode; the gateway did */
    ResponsesSeam(RecoveryRequest original, boolean backgroundForced) {
        super(original);
        ObjectNode body = parseBody(original.body());
        this.background = body != null && body.path("background").asBoolean(false);
        this.backgroundForced = backgroundForced;
    }

    @Override
    List<SseEvent> observe(SseEvent event) {
        JsonNode data = parse(event.data());
        if (data == null) return List.of(event);
        long sequence = data.path("sequence_number").asLong(-1);
        if (sequence >= 0 && sequence <= lastSequence) {
            if (hashes.differs(sequence, event.data())) {
                fail(DIVERGED, "the resumed stream replayed event " + sequence + " with different content");
                return List.of();
            }
            dropped(event);
            return List.of();
        }
        if (sequence >= 0) {
            lastSequence = sequence;
            hashes.put(sequence, event.data());
        }
        deliveredAny = true;
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        if (type.equals("response.created")) responseId = data.path("response").path("id").asText(null);
        if (type.equals("response.output_text.delta")) text.append(data.path("delta").asText(""));
        if (TERMINAL.contains(type)) terminal = true;
        if (backgroundForced && data.path("response") instanceof ObjectNode response && response.path("background").asBoolean(false)) {
            response.put("background", false);
            return List.of(new SseEvent(event.event(), json(data), event.id()));
        }
        return List.of(event);
    }

    /** Every Responses event's sequence number is checked as it passes (resumed streams replay), so none is deferred. */
    @Override
    boolean deferrable(SseEvent event) { return false; }

    @Override
    boolean continuing() { return false; }

    @Override
    Continuation planContinuation() {
        if (!deliveredAny) return resendOriginal();
        if (!background || responseId == null) {
            return new Continuation.Impossible(unsupported(background ? "the upstream never named the response"
                    : "the response was not created in background mode (store: false?), so the provider cannot resume it"));
        }
        String uri = original.uri() + "/" + URLEncoder.encode(responseId, StandardCharsets.UTF_8)
                + "?stream=true&starting_after=" + lastSequence;
        return new Continuation.Resend("GET", uri, original.followUpHeaders(false), null);
    }

    @Override
    List<SseEvent> errorEvents(ProviderError error) {
        ObjectNode event = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        event.put("type", "error").put("code", error.code()).put("message", error.message()).putNull("param");
        event.put("sequence_number", lastSequence + 1);
        return List.of(SseEvent.of("error", json(event)));
    }

    @Override
    void restart() {
        lastSequence = -1;
        hashes.clear();
        responseId = null;
        deliveredAny = false;
        text.setLength(0);
    }
}
