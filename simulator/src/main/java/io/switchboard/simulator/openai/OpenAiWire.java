package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.ModelCatalog;
import io.switchboard.simulator.SimReply;
import io.switchboard.simulator.TextGenerator;
import java.time.Clock;
import java.util.Map;

/**
 * The OpenAI endpoints, pure: a parsed request in, a {@link SimReply} out, {@link io.switchboard.simulator.SimError}
 * (rendered with {@link OpenAiErrors#errorBody(io.switchboard.simulator.SimError)}) for refusals. Timing, faults
 * and I/O belong to the server. Background responses are the one stateful part: they are kept in memory for the
 * retention window and their events are released by the server.
 */
public final class OpenAiWire {
    private final ChatCompletions chat;
    private final Responses responses;
    private final Embeddings embeddings = new Embeddings();

    public OpenAiWire(TextGenerator generator, Clock clock) {
        this.chat = new ChatCompletions(generator, clock);
        this.responses = new Responses(generator, clock);
    }

    /** {@code POST /v1/chat/completions}, JSON or stream. */
    public SimReply chatCompletions(JsonNode body) { return chat.create(body); }

    /** {@code POST /v1/responses} without {@code background}: JSON or stream. */
    public SimReply responses(JsonNode body) { return responses.create(body); }

    /** {@code POST /v1/responses} with {@code background: true}: stored, status {@code queued}, events unreleased. */
    public BackgroundResponse startBackground(JsonNode body) { return responses.startBackground(body); }

    /** {@code GET /v1/responses/{id}}. */
    public SimReply retrieveResponse(String id) { return responses.retrieve(id); }

    /** The stored background response for {@code GET /v1/responses/{id}?stream=true}; 404 if unknown. */
    public BackgroundResponse findBackground(String id) { return responses.find(id); }

    /** {@code POST /v1/responses/{id}/cancel}. */
    public SimReply cancelResponse(String id) { return responses.cancel(id); }

    /** {@code POST /v1/embeddings}. */
    public SimReply embeddings(JsonNode body) { return embeddings.create(body); }

    /** {@code GET /v1/models}. */
    public SimReply models() { return new SimReply.Json(200, Map.of(), ModelCatalog.openAiList()); }

    /** {@code GET /v1/models/{id}}; 404 {@code model_not_found} for a model the simulator does not serve. */
    public SimReply model(String id) {
        String json = ModelCatalog.openAiModel(id);
        if (json == null) throw OpenAiErrors.modelNotFound(id);
        return new SimReply.Json(200, Map.of(), json);
    }
}
