package io.switchboard.simulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The Messages API {@code Message} object and the stream's framing events, written by concatenation rather than
 * through Jackson trees: a benchmark asks for them tens of thousands of times a second. Field order and escaping
 * are exactly those of the tree serialisation this replaces (checked against one in {@code AnthropicJsonTest});
 * shapes per provider-apis.md B1/B2 and anthropic-java's {@code Message}/{@code Usage} models.
 */
final class AnthropicJson {
    /** {@code ping} and {@code message_stop} never change. */
    static final String PING = "event: ping\ndata: {\"type\":\"ping\"}\n\n";
    static final String MESSAGE_STOP = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    private AnthropicJson() {}

    /** The whole {@code Message}. */
    static String message(AnthropicReply reply) {
        StringBuilder sb = header(new StringBuilder(640), reply).append(",\"content\":[");
        boolean first = true;
        for (AnthropicReply.Block block : reply.content()) {
            if (!first) sb.append(',');
            first = false;
            switch (block) {
                case AnthropicReply.Text t -> quote(sb.append("{\"type\":\"text\",\"text\":"), t.text()).append('}');
                case AnthropicReply.ToolUse u -> {
                    quote(sb.append("{\"type\":\"tool_use\",\"id\":"), u.id()).append(",\"name\":");
                    quote(sb, u.name()).append(",\"input\":").append(u.input().toString()).append('}');
                }
            }
        }
        sb.append("],\"stop_reason\":");
        quoteOrNull(sb, reply.stopReason()).append(",\"stop_sequence\":");
        quoteOrNull(sb, reply.stopSequence()).append(",\"usage\":");
        return usage(sb, reply, reply.outputTokens()).append('}').toString();
    }

    /** The {@code message_start} event: the message without content, reporting one output token. */
    static String messageStart(AnthropicReply reply) {
        StringBuilder sb = new StringBuilder(512).append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":");
        header(sb, reply).append(",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":");
        return usage(sb, reply, 1).append("}}\n\n").toString();
    }

    /** The {@code content_block_start} of a text block. */
    static String textBlockStart(int index) {
        return "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":" + index
                + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
    }

    static String blockStop(int index) {
        return "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":" + index + "}\n\n";
    }

    /** The {@code message_delta} event: stop reason and the cumulative usage. */
    static String messageDelta(AnthropicReply reply) {
        StringBuilder sb = new StringBuilder(256)
                .append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":");
        quoteOrNull(sb, reply.stopReason()).append(",\"stop_sequence\":");
        quoteOrNull(sb, reply.stopSequence()).append("},\"usage\":{\"input_tokens\":").append(reply.inputTokens())
                .append(",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":")
                .append(reply.outputTokens()).append("}}\n\n");
        return sb.toString();
    }

    /** The message fields before {@code content}, without the closing brace. */
    private static StringBuilder header(StringBuilder sb, AnthropicReply reply) {
        quote(sb.append("{\"id\":"), reply.id()).append(",\"type\":\"message\",\"role\":\"assistant\",\"model\":");
        return quote(sb, reply.model());
    }

    private static StringBuilder usage(StringBuilder sb, AnthropicReply reply, int output) {
        return sb.append("{\"input_tokens\":").append(reply.inputTokens())
                .append(",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation\":")
                .append("{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":")
                .append(output).append(",\"service_tier\":\"standard\"}");
    }

    private static StringBuilder quoteOrNull(StringBuilder sb, String text) {
        return text == null ? sb.append("null") : quote(sb, text);
    }

    /** Appends {@code text} as a JSON string literal, escaped as Jackson's generator escapes it. */
    static StringBuilder quote(StringBuilder sb, String text) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, sb);
        return sb.append('"');
    }
}
