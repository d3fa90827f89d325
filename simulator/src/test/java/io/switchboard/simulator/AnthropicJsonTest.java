package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link AnthropicJson} writes by concatenation what used to be built as Jackson trees; these tests build the
 * same documents as trees (the oracle) and demand byte-identical output, including awkward strings.
 */
class AnthropicJsonTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] AWKWARD = {"", "plain", " quote\" back\\slash", "new\nline\ttab\u0001",
        "h\u00e9llo \u65e5\u672c \ud83d\ude00", "\u2028</b>"};

    @Test
    void messagesAndStreamEventsMatchTheTreeSerialisation() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            AnthropicReply reply = randomReply(random, trial);
            assertThat(AnthropicJson.message(reply)).isEqualTo(treeMessage(reply).toString());

            ObjectNode start = header(reply);
            start.putArray("content");
            start.putNull("stop_reason");
            start.putNull("stop_sequence");
            start.set("usage", usage(reply, 1));
            assertThat(AnthropicJson.messageStart(reply))
                    .isEqualTo(frame("message_start", event("message_start").set("message", start)));

            ObjectNode delta = event("message_delta");
            delta.putObject("delta").put("stop_reason", reply.stopReason()).put("stop_sequence", reply.stopSequence());
            delta.putObject("usage").put("input_tokens", reply.inputTokens()).put("cache_creation_input_tokens", 0)
                    .put("cache_read_input_tokens", 0).put("output_tokens", reply.outputTokens());
            assertThat(AnthropicJson.messageDelta(reply)).isEqualTo(frame("message_delta", delta));
        }
    }

    @Test
    void fixedFramingEventsMatchTheTreeSerialisation() {
        assertThat(AnthropicJson.PING).isEqualTo(frame("ping", event("ping")));
        assertThat(AnthropicJson.MESSAGE_STOP).isEqualTo(frame("message_stop", event("message_stop")));
        for (int index : new int[] {0, 1, 12}) {
            ObjectNode start = event("content_block_start").put("index", index);
            start.set("content_block", NODES.objectNode().put("type", "text").put("text", ""));
            assertThat(AnthropicJson.textBlockStart(index)).isEqualTo(frame("content_block_start", start));
            assertThat(AnthropicJson.blockStop(index))
                    .isEqualTo(frame("content_block_stop", event("content_block_stop").put("index", index)));
        }
    }

    private static AnthropicReply randomReply(Random random, int trial) {
        List<AnthropicReply.Block> blocks = new ArrayList<>();
        if (trial % 4 != 0) {
            blocks.add(new AnthropicReply.Text(List.of(new TokenCounter.Piece(awkward(random), 1),
                    new TokenCounter.Piece(awkward(random), 1))));
        }
        if (trial % 3 == 0) {
            ObjectNode input = NODES.objectNode().put("city", awkward(random)).put("n", trial);
            blocks.add(new AnthropicReply.ToolUse("toolu_" + trial, awkward(random), input, List.of()));
        }
        String[] stops = {"end_turn", "max_tokens", "stop_sequence", "tool_use", null};
        String stop = stops[trial % stops.length];
        return new AnthropicReply("msg_" + trial, "claude-sonnet-4-5-20250929", blocks, stop,
                "stop_sequence".equals(stop) ? awkward(random) : null, random.nextInt(9999), random.nextInt(9999));
    }

    private static String awkward(Random random) {
        return AWKWARD[random.nextInt(AWKWARD.length)] + AWKWARD[random.nextInt(AWKWARD.length)];
    }

    // The oracle: the tree-building code AnthropicJson replaced.

    private static ObjectNode treeMessage(AnthropicReply reply) {
        ObjectNode message = header(reply);
        ArrayNode blocks = message.putArray("content");
        for (AnthropicReply.Block block : reply.content()) {
            switch (block) {
                case AnthropicReply.Text t -> blocks.addObject().put("type", "text").put("text", t.text());
                case AnthropicReply.ToolUse u -> blocks.addObject().put("type", "tool_use").put("id", u.id())
                        .put("name", u.name()).set("input", u.input());
            }
        }
        message.put("stop_reason", reply.stopReason());
        message.put("stop_sequence", reply.stopSequence());
        message.set("usage", usage(reply, reply.outputTokens()));
        return message;
    }

    private static ObjectNode header(AnthropicReply reply) {
        return NODES.objectNode().put("id", reply.id()).put("type", "message").put("role", "assistant")
                .put("model", reply.model());
    }

    private static ObjectNode usage(AnthropicReply reply, int output) {
        ObjectNode usage = NODES.objectNode();
        usage.put("input_tokens", reply.inputTokens());
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", 0).put("ephemeral_1h_input_tokens", 0);
        usage.put("output_tokens", output);
        usage.put("service_tier", "standard");
        return usage;
    }

    private static ObjectNode event(String type) {
        return NODES.objectNode().put("type", type);
    }

    private static String frame(String type, ObjectNode data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }
}
