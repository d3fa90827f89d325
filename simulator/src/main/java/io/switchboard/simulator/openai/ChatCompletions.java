package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.ModelCatalog;
import io.switchboard.simulator.SimError;
import io.switchboard.simulator.SimReply;
import io.switchboard.simulator.SimReply.Frame;
import io.switchboard.simulator.TextGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions}, JSON and SSE, per provider-apis.md A2 and the openai-openapi spec
 * ({@code CreateChatCompletionResponse}, {@code CreateChatCompletionStreamResponse}): every chunk shares the
 * id and {@code created}; {@code stream_options.include_usage} adds {@code usage:null} to each chunk and a final
 * {@code choices:[]} usage chunk; the stream ends with {@code data: [DONE]}.
 */
final class ChatCompletions {
    static final String FINGERPRINT = "fp_sim0000001";
    private static final int DEFAULT_MAX_TOKENS = 4096;
    private static final Frame DONE = new Frame("data: [DONE]\n\n", 0);

    private final TextGenerator generator;
    private final Clock clock;

    ChatCompletions(TextGenerator generator, Clock clock) {
        this.generator = generator;
        this.clock = clock;
    }

    SimReply create(JsonNode body) {
        JsonNode requested = body.get("model");
        if (requested != null && ModelCatalog.isOpenAiEmbedding(requested.asText())) throw notChatModel();
        String model = RequestFields.model(body, ModelCatalog::isOpenAiChat);
        JsonNode messages = RequestFields.nonEmptyArray(body, "messages");
        int maxTokens = RequestFields.positiveInt(body, DEFAULT_MAX_TOKENS, "max_completion_tokens", "max_tokens");
        boolean stream = RequestFields.flag(body, "stream");
        Conversation conversation = Conversation.ofChat(messages);
        ToolSpec tool = ToolSpec.choose(tools(body), body.get("tool_choice"),
                conversation.endsWithUserMessage(), conversation.endsWithToolResult());
        ModelOutput out = ModelOutput.produce(generator, model, conversation, tool, maxTokens);
        String id = OpenAiIds.chatCompletion();
        long created = clock.instant().getEpochSecond();
        String snapshot = ModelCatalog.find(model).snapshot();
        if (!stream) return new SimReply.Json(200, Map.of(), ChatJson.completion(id, created, snapshot, out, finishReason(out)));
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        return new SimReply.Stream(Map.of(), frames(id, created, snapshot, out, includeUsage));
    }

    /** Function tools from {@code tools: [{type:"function", function:{name, parameters}}]}. */
    static List<ToolSpec> tools(JsonNode body) {
        JsonNode tools = body.get("tools");
        if (tools == null || tools.isNull()) return List.of();
        if (!tools.isArray()) throw OpenAiErrors.invalidType("tools", "an array", tools);
        List<ToolSpec> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode fn = tools.get(i).path("function");
            JsonNode name = fn.get("name");
            if (name == null || !name.isTextual()) throw OpenAiErrors.missing("tools[" + i + "].function.name");
            out.add(new ToolSpec(name.asText(), fn.get("parameters")));
        }
        return out;
    }

    private static List<Frame> frames(String id, long created, String model, ModelOutput out, boolean includeUsage) {
        ChatJson chunks = new ChatJson(id, created, model, includeUsage);
        List<Frame> frames = new ArrayList<>(out.pieces().size() + 5);
        if (out.toolCall() == null) {
            frames.add(chunks.textStart());
            for (String piece : out.pieces()) frames.add(chunks.content(piece, 1));
        } else {
            frames.add(chunks.toolCallStart(out.toolCall(), 1));
            for (String piece : out.toolCall().argumentPieces()) frames.add(chunks.toolArguments(piece, 1));
        }
        frames.add(chunks.finish(finishReason(out)));
        if (includeUsage) frames.add(chunks.usage(out));
        frames.add(DONE);
        return frames;
    }

    private static String finishReason(ModelOutput out) {
        if (out.toolCall() != null) return "tool_calls";
        return out.truncated() ? "length" : "stop";
    }

    private static SimError notChatModel() {
        return new SimError(404, "invalid_request_error", "This is not a chat model and thus not supported in the "
                + "v1/chat/completions endpoint.", "model", null);
    }
}
