package io.switchboard.providers.openai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.models.chat.completions.ChatCompletion;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.Fixtures;
import io.switchboard.providers.SdkParsers;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiChatResponseTest {
    private final OpenAiChatFormat format = new OpenAiChatFormat();

    @Test
    void decodesTextToolCallsAndUsage() {
        ChatResponse r = format.decodeResponse(Fixtures.json("openai-chat/response-tool-calls.json"));

        assertThat(r.id()).isEqualTo("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG");
        assertThat(r.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(r.createdAt()).isEqualTo(1741570283L);
        assertThat(r.content()).containsExactly(new ContentPart.Text("Let me check both cities."),
                new ContentPart.ToolCall("call_abc123", "get_weather", "{\"city\":\"Paris\"}"),
                new ContentPart.ToolCall("call_def456", "get_weather", "{\"city\":\"Oslo\"}"));
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(r.usage()).isEqualTo(new Usage(1117, 46, 1024, 0, 12));
    }

    @Test
    void decodesRefusalAndFinishReasons() {
        ChatResponse refusal = format.decodeResponse(Fixtures.parse("""
                {"id":"chatcmpl-1","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,
                 "refusal":"I can't help with that."},"finish_reason":"stop"}]}"""));
        assertThat(refusal.stopReason()).isEqualTo(StopReason.REFUSAL);
        assertThat(refusal.text()).isEqualTo("I can't help with that.");
        assertThat(refusal.usage()).isEqualTo(Usage.ZERO);

        assertThat(stopOf("length")).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(stopOf("content_filter")).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(stopOf("stop")).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void encodesCompletionThatTheSdkAccepts() {
        ChatResponse r = new ChatResponse("msg_01XYZ", "claude-sonnet-4-5", List.of(new ContentPart.Text("Hi there"),
                new ContentPart.Thinking("hmm", "sig"),
                new ContentPart.ToolCall("toolu_9", "get_weather", "{\"city\":\"Paris\"}")),
                StopReason.TOOL_USE, null, new Usage(2100, 40, 2000, 50, 0), 1700000000L);

        ObjectNode body = format.encodeResponse(r);

        assertThat(body.get("id").asText()).isEqualTo("chatcmpl-01XYZ");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("created").asLong()).isEqualTo(1700000000L);
        assertThat(body.get("system_fingerprint").isNull()).isTrue();
        assertThat(body.at("/choices/0/logprobs").isNull()).isTrue();
        assertThat(body.at("/choices/0/message/refusal").isNull()).isTrue();
        assertThat(body.at("/choices/0/message/annotations").isArray()).isTrue();
        assertThat(body.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(2000);

        ChatCompletion sdk = SdkParsers.openAi(body, ChatCompletion.class);
        sdk.validate();
        assertThat(sdk.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(sdk.choices().getFirst().message().content()).contains("Hi there");
        assertThat(sdk.choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction().function().arguments())
                .isEqualTo("{\"city\":\"Paris\"}");
        assertThat(sdk.usage().orElseThrow().totalTokens()).isEqualTo(2140);
    }

    @Test
    void keepsChatIdAndPutsRefusalWhereSdkLooks() {
        ChatResponse r = new ChatResponse("chatcmpl-keep", "m", List.of(new ContentPart.Text("No.")), StopReason.REFUSAL,
                null, Usage.of(1, 1), 1);
        ObjectNode body = format.encodeResponse(r);
        assertThat(body.get("id").asText()).isEqualTo("chatcmpl-keep");
        assertThat(body.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(body.at("/choices/0/message/refusal").asText()).isEqualTo("No.");
        assertThat(format.decodeResponse(body).stopReason()).isEqualTo(StopReason.REFUSAL);
    }

    @Test
    void responseRoundTripsThroughNeutral() {
        ChatResponse decoded = format.decodeResponse(Fixtures.json("openai-chat/response-tool-calls.json"));
        assertThat(format.decodeResponse(format.encodeResponse(decoded))).isEqualTo(decoded);
    }

    private StopReason stopOf(String finish) {
        return format.decodeResponse(Fixtures.parse("{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"" + finish + "\"}]}"))
                .stopReason();
    }
}
