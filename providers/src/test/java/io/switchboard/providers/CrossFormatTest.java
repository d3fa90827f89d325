package io.switchboard.providers;

import static io.switchboard.providers.Fixtures.decodeAll;
import static io.switchboard.providers.Fixtures.encodeAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.responses.Response;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.wire.SseEvent;
import io.switchboard.core.wire.WireFormat;
import io.switchboard.core.wire.WireFormatId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Translations across providers: client wire → neutral → upstream wire, and back. */
class CrossFormatTest {
    private final WireFormat chat = WireFormats.of(WireFormatId.OPENAI_CHAT);
    private final WireFormat responses = WireFormats.of(WireFormatId.OPENAI_RESPONSES);
    private final WireFormat anthropic = WireFormats.of(WireFormatId.ANTHROPIC_MESSAGES);

    @Test
    void openAiChatRequestBecomesExactAnthropicRequest() {
        ChatRequest neutral = chat.decodeRequest(Fixtures.json("openai-chat/request-tools.json"));
        assertThat(anthropic.encodeRequest(neutral)).isEqualTo(Fixtures.json("openai-chat/request-tools.anthropic.json"));
    }

    @Test
    void anthropicRequestBecomesChatRequestWithToolMessages() {
        ChatRequest neutral = anthropic.decodeRequest(Fixtures.json("anthropic/request-tools.json"));
        var body = chat.encodeRequest(neutral);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/2/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(body.at("/messages/3")).isEqualTo(Fixtures.parse(
                "{\"role\":\"tool\",\"tool_call_id\":\"toolu_01A\",\"content\":\"18C\\n\\nsunny\"}"));
        assertThat(body.at("/messages/4/content").asText()).isEqualTo("Error: timeout");
        assertThat(body.at("/messages/5/content").asText()).isEqualTo("And tomorrow?");
        assertThat(body.at("/response_format/json_schema/name").asText()).isEqualTo("response");
        assertThat(body.at("/tool_choice/function/name").asText()).isEqualTo("get_weather");
        assertThat(body.get("parallel_tool_calls").asBoolean()).isFalse();
        // The result is itself a valid Chat request.
        assertThat(chat.decodeRequest(body).messages()).hasSize(4);
    }

    @Test
    void anthropicStreamReencodedAsChatKeepsTextAndArguments() {
        List<StreamEvent> neutral = decodeAll(anthropic.newStreamDecoder(), Fixtures.sse("anthropic/stream-tools.sse"));
        List<SseEvent> frames = encodeAll(chat.newStreamEncoder(), neutral);

        List<StreamEvent> back = decodeAll(chat.newStreamDecoder(), frames);
        assertThat(Fixtures.text(back)).isEqualTo(Fixtures.text(neutral)).isEqualTo("Okay, let's check — 天気 ☀️");
        assertThat(Fixtures.arguments(back, 1)).isEqualTo(Fixtures.arguments(neutral, 2));

        ChatCompletion sdk = SdkParsers.chatCompletion(frames);
        assertThat(sdk.id()).isEqualTo("chatcmpl-014p7gG3wDgGV9EUtLvnow3U");
        assertThat(sdk.choices().getFirst().message().content()).contains("Okay, let's check — 天気 ☀️");
        assertThat(sdk.choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction().function().arguments())
                .isEqualTo("{\"city\": \"Paris\", \"unit\": \"c\"}");
        assertThat(sdk.usage().orElseThrow().promptTokens()).isEqualTo(1472);
        assertThat(sdk.usage().orElseThrow().completionTokens()).isEqualTo(89);
    }

    @Test
    void anthropicStreamReencodedAsResponsesKeepsTextAndArguments() {
        List<StreamEvent> neutral = decodeAll(anthropic.newStreamDecoder(), Fixtures.sse("anthropic/stream-tools.sse"));
        List<SseEvent> frames = encodeAll(responses.newStreamEncoder(), neutral);

        List<StreamEvent> back = decodeAll(responses.newStreamDecoder(), frames);
        assertThat(Fixtures.text(back)).isEqualTo(Fixtures.text(neutral));
        assertThat(Fixtures.arguments(back, 1)).isEqualTo(Fixtures.arguments(neutral, 2));

        Response sdk = SdkParsers.response(frames);
        assertThat(sdk.output().get(0).asMessage().content().getFirst().asOutputText().text()).isEqualTo("Okay, let's check — 天気 ☀️");
        assertThat(sdk.output().get(1).asFunctionCall().arguments()).isEqualTo("{\"city\": \"Paris\", \"unit\": \"c\"}");
        assertThat(sdk.output().get(1).asFunctionCall().callId()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
    }

    @Test
    void openAiStreamsReencodedAsAnthropicKeepTextAndArguments() {
        for (String fixture : List.of("openai-chat/stream-tools.sse", "openai-responses/stream-tools.sse")) {
            WireFormat source = fixture.startsWith("openai-chat") ? chat : responses;
            List<StreamEvent> neutral = decodeAll(source.newStreamDecoder(), Fixtures.sse(fixture));
            List<SseEvent> frames = encodeAll(anthropic.newStreamEncoder(), neutral);
            List<StreamEvent> back = decodeAll(anthropic.newStreamDecoder(), frames);
            assertThat(Fixtures.text(back)).as(fixture).isEqualTo(Fixtures.text(neutral));
            assertThat(Fixtures.arguments(back, 1)).as(fixture).isEqualTo(Fixtures.arguments(neutral, 1));
            var sdk = SdkParsers.message(frames);
            assertThat(sdk.content().getLast().isToolUse()).as(fixture).isTrue();
        }
    }

    @Test
    void anthropicResponseBecomesChatAndResponsesAnswers() {
        ChatResponse neutral = anthropic.decodeResponse(Fixtures.json("anthropic/response-tool-use.json"));

        ChatCompletion completion = SdkParsers.openAi(chat.encodeResponse(neutral), ChatCompletion.class);
        completion.validate();
        assertThat(completion.choices().getFirst().message().content()).contains("Let me check.");
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(2112);

        Response response = SdkParsers.openAi(responses.encodeResponse(neutral), Response.class);
        response.validate();
        assertThat(response.output().get(1).asFunctionCall().arguments()).isEqualTo("{\"city\":\"Paris\",\"unit\":\"c\"}");
    }

    @Test
    void errorsTranslateBetweenEnvelopes() {
        var overloaded = anthropic.decodeError(529, Fixtures.parse(
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThat(chat.statusFor(overloaded)).isEqualTo(503);
        assertThat(chat.encodeError(overloaded).at("/error/type").asText()).isEqualTo("server_error");

        var quota = chat.decodeError(429, Fixtures.parse(
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}"));
        assertThat(anthropic.statusFor(quota)).isEqualTo(429);
        assertThat(anthropic.encodeError(quota).at("/error/message").asText()).isEqualTo("You exceeded your current quota");
    }
}
