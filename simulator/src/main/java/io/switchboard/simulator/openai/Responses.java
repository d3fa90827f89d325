package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.ModelCatalog;
import io.switchboard.simulator.SimReply;
import io.switchboard.simulator.TextGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Responses API ({@code /v1/responses}, provider-apis.md A1): create (JSON, SSE, background), retrieve,
 * cancel. Only background responses are kept, so only they can be retrieved, resumed or cancelled; any other id
 * is a 404, as the API answers a reconnect to a foreground stream.
 */
final class Responses {
    private static final int DEFAULT_MAX_TOKENS = 4096;
    private static final int MIN_OUTPUT_TOKENS = 16;

    private final TextGenerator generator;
    private final Clock clock;
    private final ResponseStore store;

    Responses(TextGenerator generator, Clock clock) {
        this.generator = generator;
        this.clock = clock;
        this.store = new ResponseStore(clock);
    }

    /** A foreground create: JSON, or every event as one stream. */
    SimReply create(JsonNode body) {
        ResponseDraft draft = draft(body, false);
        long now = clock.instant().getEpochSecond();
        if (RequestFields.flag(body, "stream")) return new SimReply.Stream(Map.of(), draft.events(now));
        return new SimReply.Json(200, Map.of(), draft.finished(now).toString());
    }

    /** A background create: the response is stored; the caller releases its events over time. */
    BackgroundResponse startBackground(JsonNode body) {
        Instant now = clock.instant();
        BackgroundResponse response = new BackgroundResponse(draft(body, true), now, body.get("model").asText());
        store.put(response);
        return response;
    }

    /** The stored background response, or a 404 {@link io.switchboard.simulator.SimError}. */
    BackgroundResponse find(String id) {
        BackgroundResponse r = store.get(id);
        if (r == null) throw OpenAiErrors.responseNotFound(id);
        return r;
    }

    SimReply retrieve(String id) {
        return new SimReply.Json(200, Map.of(), find(id).json());
    }

    SimReply cancel(String id) {
        BackgroundResponse r = find(id);
        r.cancel();
        return new SimReply.Json(200, Map.of(), r.json());
    }

    private ResponseDraft draft(JsonNode body, boolean background) {
        String model = RequestFields.model(body, ModelCatalog::isOpenAiChat);
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) throw OpenAiErrors.missing("input");
        if (!input.isTextual() && !input.isArray()) throw OpenAiErrors.invalidType("input", "a string or array", input);
        JsonNode instructions = body.get("instructions");
        if (instructions != null && !instructions.isNull() && !instructions.isTextual()) {
            throw OpenAiErrors.invalidType("instructions", "a string", instructions);
        }
        int maxTokens = RequestFields.positiveInt(body, DEFAULT_MAX_TOKENS, "max_output_tokens");
        if (body.hasNonNull("max_output_tokens") && maxTokens < MIN_OUTPUT_TOKENS) {
            throw OpenAiErrors.invalid("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= "
                    + MIN_OUTPUT_TOKENS + ", but got " + maxTokens + " instead.", "max_output_tokens", "integer_below_min_value");
        }
        RequestFields.flag(body, "stream");
        Conversation conversation = Conversation.ofResponses(
                instructions == null || instructions.isNull() ? null : instructions.asText(), input);
        ToolSpec tool = ToolSpec.choose(tools(body), body.get("tool_choice"),
                conversation.endsWithUserMessage(), conversation.endsWithToolResult());
        ModelOutput output = ModelOutput.produce(generator, model, conversation, tool, maxTokens);
        return new ResponseDraft(OpenAiIds.response(), clock.instant().getEpochSecond(),
                ModelCatalog.find(model).snapshot(), body, output, background);
    }

    /** Function tools from {@code tools: [{type:"function", name, parameters}]}; built-in tools are ignored. */
    private static List<ToolSpec> tools(JsonNode body) {
        JsonNode tools = body.get("tools");
        if (tools == null || tools.isNull()) return List.of();
        if (!tools.isArray()) throw OpenAiErrors.invalidType("tools", "an array", tools);
        List<ToolSpec> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            if (!"function".equals(t.path("type").asText())) continue;
            JsonNode name = t.get("name");
            if (name == null || !name.isTextual()) throw OpenAiErrors.missing("tools[" + i + "].name");
            out.add(new ToolSpec(name.asText(), t.get("parameters")));
        }
        return out;
    }
}
