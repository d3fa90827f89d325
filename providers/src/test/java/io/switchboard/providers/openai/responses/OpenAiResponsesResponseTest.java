package io.switchboard.providers.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.models.responses.Response;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.StopReason;
import io.switchboard.core.model.Tool;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.Fixtures;
import io.switchboard.providers.SdkParsers;
import io.switchboard.providers.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiResponsesResponseTest {
    private final OpenAiResponsesFormat format = new OpenAiResponsesFormat();

    @Test
    void decodesMessageAndFunctionCallItems() {
        ChatResponse r = format.decodeResponse(Fixtures.json("openai-responses/response-tool-call.json"));
        assertThat(r.id()).isEqualTo("resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b");
        assertThat(r.createdAt()).isEqualTo(1741476542L);
        assertThat(r.content()).containsExactly(new ContentPart.Text("Let me look that up."),
                new ContentPart.ToolCall("call_12345xyz", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(r.usage()).isEqualTo(new Usage(328, 52, 128, 0, 20));
    }

    @Test
    void incompleteAndFailedResponses() {
        ChatResponse cut = format.decodeResponse(Fixtures.parse("""
                {"id":"resp_1","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},
                 "output":[{"type":"message","content":[{"type":"output_text","text":"Half"}]}]}"""));
        assertThat(cut.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(cut.text()).isEqualTo("Half");

        assertThatThrownBy(() -> format.decodeResponse(Fixtures.parse("""
                {"id":"resp_2","status":"failed","error":{"code":"rate_limit_exceeded","message":"slow down"},"output":[]}""")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED));
    }

    @Test
    void encodesResponseTheSdkAccepts() {
        ChatResponse r = new ChatResponse("msg_01ABC", "claude-sonnet-4-5", List.of(new ContentPart.Text("Checking."),
                new ContentPart.ToolCall("toolu_7", "get_weather", "{\"city\":\"Oslo\"}")), StopReason.TOOL_USE, null,
                new Usage(300, 20, 100, 50, 0), 1700000000L);

        ObjectNode body = format.encodeResponse(r);

        assertThat(body.get("id").asText()).isEqualTo("resp_01ABC");
        assertThat(body.get("object").asText()).isEqualTo("response");
        assertThat(body.get("status").asText()).isEqualTo("completed");
        assertThat(body.get("error").isNull()).isTrue();
        assertThat(body.get("incomplete_details").isNull()).isTrue();
        assertThat(body.at("/output/0/content/0/annotations").isArray()).isTrue();
        assertThat(body.at("/output/1/id").asText()).startsWith("fc_");
        assertThat(body.at("/output/1/call_id").asText()).isEqualTo("toolu_7");
        assertThat(body.at("/usage/input_tokens_details/cached_tokens").asLong()).isEqualTo(100);

        Response sdk = SdkParsers.openAi(body, Response.class);
        sdk.validate();
        assertThat(sdk.output()).hasSize(2);
        assertThat(sdk.output().get(0).asMessage().content().getFirst().asOutputText().text()).isEqualTo("Checking.");
        assertThat(sdk.output().get(1).asFunctionCall().arguments()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(sdk.usage().orElseThrow().totalTokens()).isEqualTo(320);
    }

    @Test
    void encodesIncompleteStatusAndEchoesRequestSettings() {
        ChatRequest request = ChatRequest.builder().model("m").system("Be brief.").messages(List.of(Message.user("x")))
                .maxTokens(16).temperature(0.5).tools(List.of(new Tool("f", "does f", Json.object().put("type", "object"), true)))
                .toolChoice(ToolChoice.REQUIRED).parallelToolCalls(false).user("u").build();
        ChatResponse r = new ChatResponse("resp_x", "m", List.of(new ContentPart.Text("Hal")), StopReason.MAX_TOKENS, null,
                Usage.of(5, 16), 1);

        ObjectNode body = format.encodeResponse(r, request);

        assertThat(body.get("status").asText()).isEqualTo("incomplete");
        assertThat(body.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(body.get("instructions").asText()).isEqualTo("Be brief.");
        assertThat(body.get("max_output_tokens").asInt()).isEqualTo(16);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.get("tool_choice").asText()).isEqualTo("required");
        assertThat(body.get("parallel_tool_calls").asBoolean()).isFalse();
        assertThat(body.at("/tools/0/name").asText()).isEqualTo("f");
        assertThat(body.get("user").asText()).isEqualTo("u");
        SdkParsers.openAi(body, Response.class).validate();
    }

    @Test
    void responseRoundTripsThroughNeutral() {
        ChatResponse decoded = format.decodeResponse(Fixtures.json("openai-responses/response-tool-call.json"));
        assertThat(format.decodeResponse(format.encodeResponse(decoded))).isEqualTo(decoded);
    }
}
