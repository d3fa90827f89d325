package io.switchboard.providers.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.Tool;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.providers.Fixtures;
import io.switchboard.providers.InvalidRequests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiResponsesRequestTest {
    private final OpenAiResponsesFormat format = new OpenAiResponsesFormat();

    @Test
    void decodesItemsIntoTurns() {
        ChatRequest r = format.decodeRequest(Fixtures.json("openai-responses/request-tools.json"));

        assertThat(r.model()).isEqualTo("gpt-4.1");
        assertThat(r.system()).isEqualTo("You are a weather assistant.\n\nAnswer in metric units.");
        assertThat(r.messages()).containsExactly(
                new Message(Role.USER, List.of(new ContentPart.Text("Weather in Paris?"),
                        new ContentPart.Image("image/jpeg", "/9j/4AAQ", null))),
                // The function_call joins the assistant message before it; the reasoning item is dropped.
                new Message(Role.ASSISTANT, List.of(new ContentPart.Text("Checking."),
                        new ContentPart.ToolCall("call_paris", "get_weather", "{\"city\":\"Paris\"}"))),
                new Message(Role.USER, List.of(new ContentPart.ToolResult("call_paris", "18C, sunny", false))),
                Message.user("Thanks! Format it as JSON."));
        assertThat(r.maxTokens()).isEqualTo(500);
        assertThat(r.temperature()).isEqualTo(0.3);
        assertThat(r.tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("get_weather");
            assertThat(t.strict()).isTrue();
        });
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.named("get_weather"));
        assertThat(r.parallelToolCalls()).isTrue();
        assertThat(r.responseFormat().type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
        assertThat(r.responseFormat().name()).isEqualTo("weather");
        assertThat(r.responseFormat().schema().at("/required/0").asText()).isEqualTo("summary");
        assertThat(r.stream()).isFalse();
        assertThat(r.user()).isEqualTo("user-7");
        assertThat(r.metadata()).isEqualTo(Map.of("session", "s1"));
    }

    @Test
    void stringInputIsOneUserMessage() {
        ChatRequest r = format.decodeRequest(Fixtures.parse("{\"model\":\"m\",\"input\":\"Hello\",\"stream\":true}"));
        assertThat(r.messages()).containsExactly(Message.user("Hello"));
        assertThat(r.system()).isNull();
        assertThat(r.stream()).isTrue();
    }

    @Test
    void rejectsBadInputAndServerSideState() {
        assertInvalid("{\"input\":\"hi\"}", "model");
        assertInvalid("{\"model\":\"m\"}", "input");
        assertInvalid("{\"model\":\"m\",\"input\":7}", "input");
        assertInvalid("{\"model\":\"m\",\"input\":[{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"{}\"}]}", "input[0].call_id");
        assertInvalid("{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]}", "input[0].type");
        assertInvalid("{\"model\":\"m\",\"input\":\"hi\",\"previous_response_id\":\"resp_1\"}", "previous_response_id");
        assertInvalid("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}", "tools[0].type");
        assertInvalid("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"yaml\"}}}", "text.format.type");
    }

    @Test
    void encodesNeutralRequest() {
        ChatRequest r = ChatRequest.builder()
                .model("gpt-4.1")
                .system("Be brief.")
                .messages(List.of(
                        new Message(Role.USER, List.of(new ContentPart.Text("Look"), new ContentPart.Image(null, null, "https://x/y.png"))),
                        new Message(Role.ASSISTANT, List.of(new ContentPart.Text("Calling."), new ContentPart.ToolCall("toolu_1", "f", "{}"))),
                        new Message(Role.USER, List.of(new ContentPart.ToolResult("toolu_1", "fail", true), new ContentPart.Text("Again")))))
                .maxTokens(100).tools(List.of(new Tool("f", null, null, null))).toolChoice(ToolChoice.REQUIRED)
                .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, null))
                .stream(true).user("u")
                .build();
        JsonNode expected = Fixtures.parse("""
                {"model":"gpt-4.1","instructions":"Be brief.","input":[
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"Look"},
                    {"type":"input_image","image_url":"https://x/y.png","detail":"auto"}]},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Calling."}]},
                  {"type":"function_call","call_id":"toolu_1","name":"f","arguments":"{}"},
                  {"type":"function_call_output","call_id":"toolu_1","output":"Error: fail"},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"Again"}]}],
                 "max_output_tokens":100,
                 "tools":[{"type":"function","name":"f","parameters":{"type":"object"},"strict":false}],
                 "tool_choice":"required","text":{"format":{"type":"json_object"}},"stream":true,"user":"u","store":false}
                """);
        assertThat(format.encodeRequest(r)).isEqualTo(expected);
    }

    @Test
    void stopSequencesCannotBeEncoded() {
        ChatRequest r = ChatRequest.builder().model("m").messages(List.of(Message.user("x"))).stop(List.of("END")).build();
        assertThatThrownBy(() -> format.encodeRequest(r)).isInstanceOf(ProviderException.class).hasMessageContaining("Stop sequences");
    }

    @Test
    void requestRoundTripsThroughNeutral() {
        ChatRequest decoded = format.decodeRequest(Fixtures.json("openai-responses/request-tools.json"));
        assertThat(format.decodeRequest(format.encodeRequest(decoded))).isEqualTo(decoded);
    }

    private void assertInvalid(String json, String param) { InvalidRequests.assertRejected(format, json, param); }
}
