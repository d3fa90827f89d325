package io.switchboard.simulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders an {@link AnthropicReply} as the Messages streaming event sequence (provider-apis.md B2):
 * {@code message_start}, then per block {@code content_block_start} / {@code content_block_delta}* /
 * {@code content_block_stop} (a {@code ping} right after the first block starts), then {@code message_delta}
 * with the cumulative usage and {@code message_stop}. Delta frames carry the token count of their piece.
 */
final class AnthropicStream {

    /** Tool input JSON is streamed a few tokens per {@code input_json_delta}, as the API does. */
    private static final int JSON_TOKENS_PER_DELTA = 4;

    private static final SimReply.Frame PING = new SimReply.Frame(AnthropicJson.PING, 0);
    private static final SimReply.Frame MESSAGE_STOP = new SimReply.Frame(AnthropicJson.MESSAGE_STOP, 0);

    private AnthropicStream() {}

    static List<SimReply.Frame> frames(AnthropicReply reply) {
        List<SimReply.Frame> frames = new ArrayList<>();
        frames.add(new SimReply.Frame(AnthropicJson.messageStart(reply), 0));
        if (reply.content().isEmpty()) frames.add(PING);

        for (int index = 0; index < reply.content().size(); index++) {
            switch (reply.content().get(index)) {
                case AnthropicReply.Text text -> {
                    frames.add(new SimReply.Frame(AnthropicJson.textBlockStart(index), 0));
                    if (index == 0) frames.add(PING);
                    for (TokenCounter.Piece piece : text.pieces()) frames.add(textDelta(index, piece));
                }
                case AnthropicReply.ToolUse tool -> {
                    ObjectNode block = JsonNodeFactory.instance.objectNode().put("type", "tool_use")
                        .put("id", tool.id()).put("name", tool.name());
                    block.putObject("input");
                    frames.add(blockStart(index, block));
                    if (index == 0) frames.add(PING);
                    frames.add(jsonDelta(index, "", 0));
                    List<TokenCounter.Piece> pieces = tool.jsonPieces();
                    for (int i = 0; i < pieces.size(); i += JSON_TOKENS_PER_DELTA) {
                        StringBuilder fragment = new StringBuilder();
                        int tokens = 0;
                        for (TokenCounter.Piece p : pieces.subList(i, Math.min(pieces.size(), i + JSON_TOKENS_PER_DELTA))) {
                            fragment.append(p.text());
                            tokens += p.tokens();
                        }
                        frames.add(jsonDelta(index, fragment.toString(), tokens));
                    }
                }
            }
            frames.add(new SimReply.Frame(AnthropicJson.blockStop(index), 0));
        }
        frames.add(new SimReply.Frame(AnthropicJson.messageDelta(reply), 0));
        frames.add(MESSAGE_STOP);
        return frames;
    }

    private static SimReply.Frame blockStart(int index, ObjectNode block) {
        ObjectNode event = event("content_block_start").put("index", index);
        event.set("content_block", block);
        return frame("content_block_start", event, 0);
    }

    private static SimReply.Frame blockDelta(int index, ObjectNode delta, int tokens) {
        ObjectNode event = event("content_block_delta").put("index", index);
        event.set("delta", delta);
        return frame("content_block_delta", event, tokens);
    }

    /** Text deltas are most of a stream, so they are written directly rather than through a tree. */
    private static SimReply.Frame textDelta(int index, TokenCounter.Piece piece) {
        StringBuilder sb = new StringBuilder(112 + piece.text().length());
        sb.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":").append(index)
            .append(",\"delta\":{\"type\":\"text_delta\",\"text\":\"");
        JsonStringEncoder.getInstance().quoteAsString(piece.text(), sb);
        sb.append("\"}}\n\n");
        return new SimReply.Frame(sb.toString(), piece.tokens());
    }

    private static SimReply.Frame jsonDelta(int index, String partialJson, int tokens) {
        ObjectNode delta = JsonNodeFactory.instance.objectNode().put("type", "input_json_delta").put("partial_json", partialJson);
        return blockDelta(index, delta, tokens);
    }

    private static ObjectNode event(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static SimReply.Frame frame(String type, ObjectNode data, int tokens) {
        return new SimReply.Frame("event: " + type + "\ndata: " + data + "\n\n", tokens);
    }
}
