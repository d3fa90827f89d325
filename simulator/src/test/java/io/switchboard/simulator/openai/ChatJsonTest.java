package io.switchboard.simulator.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.simulator.SimReply;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ChatJson} writes by concatenation what used to be built as Jackson trees; these tests build the same
 * documents as trees (the oracle) and demand byte-identical output, including awkward strings.
 */
class ChatJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] AWKWARD = {"", "plain", " quote\" back\\slash", "new\nline\ttab\r\u0001\u001f",
        "h\u00e9llo \u65e5\u672c \ud83d\ude00", "</script> & <b>", "\u2028\u2029", "{\"json\":[1,2]}"};

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int i = 0; i < parts; i++) sb.append(AWKWARD[random.nextInt(AWKWARD.length)]);
        return sb.toString();
    }

    @Test
    void completionMatchesTheTreeSerialisation() {
        Random random = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            ModelOutput out = trial % 3 == 0
                    ? new ModelOutput(null, List.of(), new ModelOutput.ToolCall("call_" + trial, randomText(random),
                            randomText(random), List.of()), random.nextInt(500), random.nextInt(500), false)
                    : new ModelOutput(randomText(random), List.of(), null, random.nextInt(500), random.nextInt(500), trial % 2 == 0);
            String finish = out.toolCall() != null ? "tool_calls" : out.truncated() ? "length" : "stop";
            String id = "chatcmpl-" + trial;
            long created = 1_700_000_000L + trial;
            assertThat(ChatJson.completion(id, created, "gpt-4o-2024-08-06", out, finish))
                    .isEqualTo(treeCompletion(id, created, "gpt-4o-2024-08-06", out, finish));
        }
    }

    @Test
    void streamChunksMatchTheTreeSerialisation() {
        Random random = new Random(2);
        for (boolean includeUsage : new boolean[] {false, true}) {
            ChatJson chunks = new ChatJson("chatcmpl-abc", 1_746_403_200L, "gpt-5-2025-08-07", includeUsage);
            ObjectNode start = chunk(includeUsage);
            delta(start).put("role", "assistant").put("content", "").putNull("refusal");
            assertThat(chunks.textStart().text()).isEqualTo(frame(start));
            for (int i = 0; i < 50; i++) {
                String piece = randomText(random);
                ObjectNode content = chunk(includeUsage);
                delta(content).put("content", piece);
                assertThat(chunks.content(piece, 1)).isEqualTo(new SimReply.Frame(frame(content), 1));
                ObjectNode args = chunk(includeUsage);
                delta(args).putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", piece);
                assertThat(chunks.toolArguments(piece, 1).text()).isEqualTo(frame(args));
            }
            ModelOutput.ToolCall call = new ModelOutput.ToolCall("call_x", "get \"weather\"", "{}", List.of());
            ObjectNode toolStart = chunk(includeUsage);
            ObjectNode tc = delta(toolStart).put("role", "assistant").putNull("content").putArray("tool_calls").addObject()
                    .put("index", 0).put("id", call.callId()).put("type", "function");
            tc.putObject("function").put("name", call.name()).put("arguments", "");
            assertThat(chunks.toolCallStart(call, 1).text()).isEqualTo(frame(toolStart));
            ObjectNode last = chunk(includeUsage);
            ((ObjectNode) last.get("choices").get(0)).put("finish_reason", "length");
            assertThat(chunks.finish("length").text()).isEqualTo(frame(last));
            ModelOutput out = new ModelOutput("x", List.of("x"), null, 12, 34, false);
            ObjectNode usage = head("chatcmpl-abc", "chat.completion.chunk", 1_746_403_200L, "gpt-5-2025-08-07");
            usage.putArray("choices");
            usage.set("usage", usage(out));
            assertThat(chunks.usage(out).text()).isEqualTo(frame(usage));
        }
    }

    // The oracle: the tree-building code ChatJson replaced.

    private static String treeCompletion(String id, long created, String model, ModelOutput out, String finish) {
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
        choice.put("finish_reason", finish);
        root.set("usage", usage(out));
        return root.toString();
    }

    private static ObjectNode head(String id, String object, long created, String model) {
        return JSON.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model)
                .put("service_tier", "default").put("system_fingerprint", ChatCompletions.FINGERPRINT);
    }

    private static ObjectNode chunk(boolean includeUsage) {
        ObjectNode c = head("chatcmpl-abc", "chat.completion.chunk", 1_746_403_200L, "gpt-5-2025-08-07");
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

    private static String frame(ObjectNode chunk) {
        return "data: " + chunk + "\n\n";
    }

    private static ObjectNode usage(ModelOutput out) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", out.inputTokens()).put("completion_tokens", out.outputTokens())
                .put("total_tokens", out.totalTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }
}
