package io.switchboard.simulator.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.simulator.SimError;
import io.switchboard.simulator.SimReply;
import io.switchboard.simulator.TextGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The pure OpenAI endpoint code: JSON in, {@link SimReply} out. */
class OpenAiWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenAiWire wire = new OpenAiWire(new TextGenerator(9),
            Clock.fixed(Instant.parse("2025-05-05T00:00:00Z"), ZoneOffset.UTC));

    private static JsonNode json(String s) throws Exception { return JSON.readTree(s); }

    private JsonNode chat(String body) throws Exception {
        return json(((SimReply.Json) wire.chatCompletions(json(body))).body());
    }

    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":[\"number\",\"null\"]},\"tags\":{\"type\":\"array\","
            + "\"items\":{\"type\":\"string\"}}}}}},{\"type\":\"function\",\"function\":{\"name\":\"b\"}}]";

    @Test
    void toolChoiceRules() throws Exception {
        String user = "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]";
        JsonNode auto = chat("{\"model\":\"gpt-4o\"," + user + "," + TOOLS + "}");
        JsonNode call = auto.path("choices").get(0).path("message").path("tool_calls").get(0);
        assertThat(call.path("function").path("name").asText()).isEqualTo("a");
        assertThat(json(call.path("function").path("arguments").asText()))
                .isEqualTo(json("{\"n\":1.5,\"tags\":[\"sample tags\"]}"));
        JsonNode named = chat("{\"model\":\"gpt-4o\"," + user + "," + TOOLS
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"b\"}}}");
        assertThat(named.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("b");
        assertThat(named.at("/choices/0/message/tool_calls/0/function/arguments").asText()).isEqualTo("{}");
        JsonNode none = chat("{\"model\":\"gpt-4o\"," + user + "," + TOOLS + ",\"tool_choice\":\"none\"}");
        assertThat(none.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        // After an assistant turn, auto answers in text; required still calls.
        String afterAssistant = "\"messages\":[{\"role\":\"user\",\"content\":\"go\"},{\"role\":\"assistant\",\"content\":\"ok\"}]";
        assertThat(chat("{\"model\":\"gpt-4o\"," + afterAssistant + "," + TOOLS + "}").at("/choices/0/finish_reason").asText())
                .isEqualTo("stop");
        assertThat(chat("{\"model\":\"gpt-4o\"," + afterAssistant + "," + TOOLS + ",\"tool_choice\":\"required\"}")
                .at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThatThrownBy(() -> chat("{\"model\":\"gpt-4o\"," + user + "," + TOOLS
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"zzz\"}}}"))
                .isInstanceOfSatisfying(SimError.class, e -> assertThat(e.param()).isEqualTo("tool_choice"));
    }

    @Test
    void maxTokensTruncatesWithFinishReasonLength() throws Exception {
        JsonNode r = chat("{\"model\":\"gpt-4o\",\"max_completion_tokens\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(r.at("/usage/completion_tokens").asInt()).isLessThanOrEqualTo(3);
        assertThat(r.path("created").asLong()).isEqualTo(Instant.parse("2025-05-05T00:00:00Z").getEpochSecond());

        SimReply.Json resp = (SimReply.Json) wire.responses(json(
                "{\"model\":\"gpt-4o\",\"max_output_tokens\":16,\"input\":\"" + "Tell me everything. ".repeat(3) + "\"}"));
        JsonNode response = json(resp.body());
        // Canonical answers are at least 20 words, so 16 tokens always cut them short.
        assertThat(response.path("status").asText()).isEqualTo("incomplete");
        assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(response.at("/output/0/status").asText()).isEqualTo("incomplete");
        assertThat(response.at("/usage/output_tokens").asInt()).isLessThanOrEqualTo(16);
        assertThatThrownBy(() -> wire.responses(json("{\"model\":\"gpt-4o\",\"max_output_tokens\":5,\"input\":\"x\"}")))
                .isInstanceOfSatisfying(SimError.class, e -> assertThat(e.code()).isEqualTo("integer_below_min_value"));
    }

    @Test
    void streamChunksShareIdAndEndWithDone() throws Exception {
        SimReply.Stream s = (SimReply.Stream) wire.chatCompletions(json(
                "{\"model\":\"gpt-5\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(s.frames().getLast().text()).isEqualTo("data: [DONE]\n\n");
        String id = null;
        int outputTokens = 0;
        for (SimReply.Frame f : s.frames().subList(0, s.frames().size() - 1)) {
            assertThat(f.text()).startsWith("data: {").endsWith("}\n\n").doesNotContain("event:");
            JsonNode chunk = json(f.text().substring(6));
            if (id == null) id = chunk.path("id").asText();
            assertThat(chunk.path("id").asText()).isEqualTo(id);
            assertThat(chunk.has("usage")).isFalse();
            outputTokens += f.tokens();
        }
        assertThat(outputTokens).isPositive();
    }

    @Test
    void embeddingsHonourDimensionsAndBase64() throws Exception {
        JsonNode r = json(((SimReply.Json) wire.embeddings(json(
                "{\"model\":\"text-embedding-3-large\",\"input\":\"x\",\"dimensions\":8}"))).body());
        assertThat(r.at("/data/0/embedding").size()).isEqualTo(8);
        JsonNode b = json(((SimReply.Json) wire.embeddings(json(
                "{\"model\":\"text-embedding-3-large\",\"input\":\"x\",\"dimensions\":8,\"encoding_format\":\"base64\"}"))).body());
        byte[] bytes = java.util.Base64.getDecoder().decode(b.at("/data/0/embedding").asText());
        float first = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(bytes).hasSize(32);
        assertThat(first).isEqualTo((float) r.at("/data/0/embedding/0").asDouble());
        assertThatThrownBy(() -> wire.embeddings(json("{\"model\":\"gpt-4o\",\"input\":\"x\"}")))
                .isInstanceOfSatisfying(SimError.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
