package io.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
        if (!stream) return new SimReply.Json(200, Map.of(), json(id, created, snapshot, out));
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

    private static String json(String id, long created, String model, ModelOutput out) {
        ObjectNode root = head(id, "chat.completion", created, model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (out.toolCall() != null) {
            message.putNull("content");
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", out.toolCall().callId()).put("type", "function");
            call.putObject("function").put("name", out.toolCall().name()).put("arguments", out.toolCall().arguments());
        } else {
            message.put("content", out.text());
        }
        message.putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(out));
        root.set("usage", usage(out));
        return root.toString();
    }

    private static List<Frame> frames(String id, long created, String model, ModelOutput out, boolean includeUsage) {
        List<Frame> frames = new ArrayList<>();
        ObjectNode first = chunk(id, created, model, includeUsage);
        ObjectNode firstDelta = delta(first).put("role", "assistant");
        if (out.toolCall() == null) {
            firstDelta.put("content", "").putNull("refusal");
            frames.add(frame(first, 0));
            ObjectNode sample = chunk(id, created, model, includeUsage);
            delta(sample).put("content", JsonTemplate.holeName(0));
            JsonTemplate content = new JsonTemplate(sample, 1);
            for (String piece : out.pieces()) {
                frames.add(new Frame("data: " + content.render(JsonTemplate.quote(piece)) + "\n\n", 1));
            }
        } else {
            ModelOutput.ToolCall call = out.toolCall();
            firstDelta.putNull("content");
            ObjectNode tc = firstDelta.putArray("tool_calls").addObject().put("index", 0)
                    .put("id", call.callId()).put("type", "function");
            tc.putObject("function").put("name", call.name()).put("arguments", "");
            frames.add(frame(first, 1));
            ObjectNode sample = chunk(id, created, model, includeUsage);
            delta(sample).putArray("tool_calls").addObject().put("index", 0).putObject("function")
                    .put("arguments", JsonTemplate.holeName(0));
            JsonTemplate arguments = new JsonTemplate(sample, 1);
            for (String piece : call.argumentPieces()) {
                frames.add(new Frame("data: " + arguments.render(JsonTemplate.quote(piece)) + "\n\n", 1));
            }
        }
        ObjectNode last = chunk(id, created, model, includeUsage);
        delta(last);
        ((ObjectNode) last.get("choices").get(0)).put("finish_reason", finishReason(out));
        frames.add(frame(last, 0));
        if (includeUsage) {
            ObjectNode usage = head(id, "chat.completion.chunk", created, model);
            usage.putArray("choices");
            usage.set("usage", usage(out));
            frames.add(frame(usage, 0));
        }
        frames.add(new Frame("data: [DONE]\n\n", 0));
        return frames;
    }

    private static ObjectNode head(String id, String object, long created, String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id).put("object", object).put("created", created).put("model", model)
                .put("service_tier", "default").put("system_fingerprint", FINGERPRINT);
        return root;
    }

    private static ObjectNode chunk(String id, long created, String model, boolean includeUsage) {
        ObjectNode c = head(id, "chat.completion.chunk", created, model);
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        if (includeUsage) c.putNull("usage");
        return c;
    }

    private static ObjectNode delta(ObjectNode chunk) {
        return (ObjectNode) chunk.get("choices").get(0).get("delta");
    }

    private static Frame frame(ObjectNode chunk, int tokens) {
        return new Frame("data: " + chunk + "\n\n", tokens);
    }

    private static String finishReason(ModelOutput out) {
        if (out.toolCall() != null) return "tool_calls";
        return out.truncated() ? "length" : "stop";
    }

    static ObjectNode usage(ModelOutput out) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", out.inputTokens()).put("completion_tokens", out.outputTokens())
                .put("total_tokens", out.totalTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    private static SimError notChatModel() {
        return new SimError(404, "invalid_request_error", "This is not a chat model and thus not supported in the "
                + "v1/chat/completions endpoint.", "model", null);
    }
}
