package io.switchboard.simulator.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.switchboard.simulator.SimReply.Frame;

/**
 * Chat Completions bodies and stream chunks written by concatenation. A benchmark asks for the same small
 * documents tens of thousands of times a second, and building a Jackson tree for each was a large share of the
 * simulator's CPU. Field order and string escaping are exactly those of the tree serialisation this replaces
 * (checked against one in {@code ChatJsonTest}); shapes per {@link ChatCompletions}.
 */
final class ChatJson {
    private static final String USAGE_DETAILS = ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
            + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";
    private static final String MESSAGE_END = ",\"refusal\":null,\"annotations\":[]}";

    /** Everything of one stream's chunks but the delta and finish reason, rendered once per stream. */
    private final String chunkStart;
    private final String chunkEnd;
    private final String usageChunkStart;

    /** A writer for the chunks of one stream; every chunk shares {@code id}, {@code created} and {@code model}. */
    ChatJson(String id, long created, String model, boolean includeUsage) {
        String head = head(id, "chat.completion.chunk", created, model);
        chunkStart = "data: " + head + ",\"choices\":[{\"index\":0,\"delta\":";
        chunkEnd = "}]" + (includeUsage ? ",\"usage\":null" : "") + "}\n\n";
        usageChunkStart = "data: " + head + ",\"choices\":[],\"usage\":";
    }

    /** The whole {@code chat.completion} object. */
    static String completion(String id, long created, String model, ModelOutput out, String finishReason) {
        StringBuilder sb = new StringBuilder(512 + (out.text() == null ? 0 : out.text().length()));
        sb.append(head(id, "chat.completion", created, model)).append(",\"choices\":[{\"index\":0,\"message\":")
                .append("{\"role\":\"assistant\",\"content\":");
        ModelOutput.ToolCall call = out.toolCall();
        if (call != null) {
            sb.append("null,\"tool_calls\":[{\"id\":");
            quote(sb, call.callId()).append(",\"type\":\"function\",\"function\":{\"name\":");
            quote(sb, call.name()).append(",\"arguments\":");
            quote(sb, call.arguments()).append("}}]");
        } else {
            quote(sb, out.text());
        }
        sb.append(MESSAGE_END).append(",\"logprobs\":null,\"finish_reason\":");
        quote(sb, finishReason).append("}],\"usage\":");
        return usage(sb, out).append('}').toString();
    }

    /** The first chunk of a text answer: the role and an empty content. */
    Frame textStart() {
        return frame("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null, 0);
    }

    /** The first chunk of a tool call: its id and name, with empty arguments. */
    Frame toolCallStart(ModelOutput.ToolCall call, int tokens) {
        StringBuilder delta = new StringBuilder(160).append("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":")
                .append("[{\"index\":0,\"id\":");
        quote(delta, call.callId()).append(",\"type\":\"function\",\"function\":{\"name\":");
        quote(delta, call.name()).append(",\"arguments\":\"\"}}]}");
        return frame(delta, null, tokens);
    }

    /** A chunk carrying one piece of content. */
    Frame content(String piece, int tokens) {
        StringBuilder sb = new StringBuilder(chunkStart.length() + chunkEnd.length() + piece.length() + 64);
        sb.append(chunkStart).append("{\"content\":");
        quote(sb, piece).append("},\"logprobs\":null,\"finish_reason\":null").append(chunkEnd);
        return new Frame(sb.toString(), tokens);
    }

    /** A chunk carrying one piece of the tool call's arguments. */
    Frame toolArguments(String piece, int tokens) {
        StringBuilder delta = new StringBuilder(64 + piece.length()).append("{\"tool_calls\":[{\"index\":0,\"function\":")
                .append("{\"arguments\":");
        quote(delta, piece).append("}}]}");
        return frame(delta, null, tokens);
    }

    /** The last choice chunk: an empty delta and the finish reason. */
    Frame finish(String finishReason) {
        return frame("{}", finishReason, 0);
    }

    /** The {@code include_usage} chunk: no choices, the usage. */
    Frame usage(ModelOutput out) {
        StringBuilder sb = new StringBuilder(usageChunkStart.length() + 256).append(usageChunkStart);
        return new Frame(usage(sb, out).append("}\n\n").toString(), 0);
    }

    private Frame frame(CharSequence delta, String finishReason, int tokens) {
        StringBuilder sb = new StringBuilder(chunkStart.length() + delta.length() + chunkEnd.length() + 48);
        sb.append(chunkStart).append(delta).append(",\"logprobs\":null,\"finish_reason\":");
        if (finishReason == null) sb.append("null");
        else quote(sb, finishReason);
        return new Frame(sb.append(chunkEnd).toString(), tokens);
    }

    private static String head(String id, String object, long created, String model) {
        StringBuilder sb = new StringBuilder(192).append("{\"id\":");
        quote(sb, id).append(",\"object\":");
        quote(sb, object).append(",\"created\":").append(created).append(",\"model\":");
        quote(sb, model).append(",\"service_tier\":\"default\",\"system_fingerprint\":");
        return quote(sb, ChatCompletions.FINGERPRINT).toString();
    }

    private static StringBuilder usage(StringBuilder sb, ModelOutput out) {
        return sb.append("{\"prompt_tokens\":").append(out.inputTokens()).append(",\"completion_tokens\":")
                .append(out.outputTokens()).append(",\"total_tokens\":").append(out.totalTokens()).append(USAGE_DETAILS);
    }

    /** Appends {@code text} as a JSON string literal, escaped as Jackson's generator escapes it. */
    static StringBuilder quote(StringBuilder sb, String text) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, sb);
        return sb.append('"');
    }
}
