package io.switchboard.providers.openai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.ResponseFormat;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.Tool;
import io.switchboard.core.model.ToolChoice;
import io.switchboard.providers.Fixtures;
import io.switchboard.providers.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiChatRequestTest {
    private final OpenAiChatFormat format = new OpenAiChatFormat();

    @Test
    void decodesEveryTranslatedField() {
        ChatRequest r = format.decodeRequest(Fixtures.json("openai-chat/request-tools.json"));

        assertThat(r.model()).isEqualTo("gpt-4o-mini");
        assertThat(r.system()).isEqualTo("You are a weather assistant.\n\nAnswer in metric units.");
        assertThat(r.messages()).hasSize(4);
        Message user = r.messages().get(0);
        assertThat(user.role()).isEqualTo(Role.USER);
        assertThat(user.parts()).containsExactly(
                new ContentPart.Text("What is the weather in Paris and Oslo? Here is a photo."),
                new ContentPart.Image("image/png", "iVBORw0KGgo=", null),
                new ContentPart.Image(null, null, "https://example.com/sky.jpg"));
        assertThat(r.messages().get(1)).isEqualTo(new Message(Role.ASSISTANT, List.of(
                new ContentPart.ToolCall("call_paris", "get_weather", "{\"city\":\"Paris\"}"),
                new ContentPart.ToolCall("call_oslo", "get_weather", "{\"city\":\"Oslo\"}"))));
        // Two consecutive tool messages become one user turn of results.
        assertThat(r.messages().get(2)).isEqualTo(new Message(Role.USER, List.of(
                new ContentPart.ToolResult("call_paris", "18C, sunny", false),
                new ContentPart.ToolResult("call_oslo", "9C, rain", false))));
        assertThat(r.messages().get(3)).isEqualTo(Message.user("Which city is warmer?"));
        assertThat(r.maxTokens()).isEqualTo(300);
        assertThat(r.temperature()).isEqualTo(1.4);
        assertThat(r.topP()).isEqualTo(0.9);
        assertThat(r.stop()).containsExactly("END");
        assertThat(r.tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("get_weather");
            assertThat(t.description()).isEqualTo("Current weather for a city");
            assertThat(t.parameters().path("required").get(0).asText()).isEqualTo("city");
        });
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.REQUIRED);
        assertThat(r.parallelToolCalls()).isFalse();
        assertThat(r.responseFormat().type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
        assertThat(r.responseFormat().name()).isEqualTo("answer");
        assertThat(r.responseFormat().strict()).isTrue();
        assertThat(r.stream()).isTrue();
        assertThat(r.user()).isEqualTo("user-42");
        assertThat(r.metadata()).containsEntry("team", "weather");
    }

    @Test
    void maxCompletionTokensWinsOverDeprecatedMaxTokens() {
        ChatRequest r = format.decodeRequest(body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"max_tokens\":10,\"max_completion_tokens\":20,\"stop\":[\"a\",\"b\"],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}"));
        assertThat(r.maxTokens()).isEqualTo(20);
        assertThat(r.stop()).containsExactly("a", "b");
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.named("f"));
    }

    @Test
    void rejectsBadInputNamingTheField() {
        assertInvalid("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model", "Missing required parameter: 'model'.");
        assertInvalid("{\"model\":\"m\",\"messages\":\"hi\"}", "messages",
                "Invalid type for 'messages': expected an array, but got a string instead.");
        assertInvalid("{\"model\":\"m\",\"messages\":[]}", "messages", null);
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}", "messages[0].role", null);
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", "messages[0].content", null);
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "messages[0].tool_call_id", null);
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":\"hot\"}", "temperature", null);
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tool_choice\":\"sometimes\"}", "tool_choice", null);
        assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"response_format\":{\"type\":\"json_schema\"}}",
                "response_format.json_schema", null);
        assertInvalid("[1,2]", null, null);
    }

    @Test
    void encodesNeutralRequest() {
        ObjectNode schema = Json.object().put("type", "object");
        ChatRequest r = ChatRequest.builder()
                .model("gpt-4o")
                .system("Be brief.")
                .messages(List.of(
                        new Message(Role.USER, List.of(new ContentPart.Text("Look:"), new ContentPart.Image("image/jpeg", "AAAA", null))),
                        new Message(Role.ASSISTANT, List.of(new ContentPart.Thinking("hidden", "sig"), new ContentPart.Text("Calling."),
                                new ContentPart.ToolCall("toolu_1", "lookup", "{\"q\":1}"))),
                        new Message(Role.USER, List.of(new ContentPart.ToolResult("toolu_1", "boom", true), new ContentPart.Text("Well?")))))
                .maxTokens(64).temperature(0.2).stop(List.of("STOP"))
                .tools(List.of(new Tool("lookup", "Looks up", schema, null)))
                .toolChoice(ToolChoice.named("lookup")).parallelToolCalls(false)
                .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, null, schema, null))
                .stream(true).user("u1").metadata(Map.of("k", "v"))
                .build();

        JsonNode expected = body("""
                {"model":"gpt-4o","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":[{"type":"text","text":"Look:"},{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,AAAA"}}]},
                  {"role":"assistant","content":"Calling.","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"lookup","arguments":"{\\"q\\":1}"}}]},
                  {"role":"tool","tool_call_id":"toolu_1","content":"Error: boom"},
                  {"role":"user","content":"Well?"}],
                 "max_completion_tokens":64,"temperature":0.2,"stop":["STOP"],
                 "tools":[{"type":"function","function":{"name":"lookup","description":"Looks up","parameters":{"type":"object"}}}],
                 "tool_choice":{"type":"function","function":{"name":"lookup"}},"parallel_tool_calls":false,
                 "response_format":{"type":"json_schema","json_schema":{"name":"response","schema":{"type":"object"}}},
                 "stream":true,"stream_options":{"include_usage":true},"user":"u1","metadata":{"k":"v"}}
                """);
        assertThat(format.encodeRequest(r)).isEqualTo(expected);
    }

    @Test
    void requestRoundTripsThroughNeutral() {
        ChatRequest decoded = format.decodeRequest(Fixtures.json("openai-chat/request-tools.json"));
        assertThat(format.decodeRequest(format.encodeRequest(decoded))).isEqualTo(decoded);
    }

    private void assertInvalid(String json, String param, String message) {
        assertThatThrownBy(() -> format.decodeRequest(body(json)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.error().param()).isEqualTo(param);
                    if (message != null) assertThat(e.error().message()).isEqualTo(message);
                });
    }

    private static JsonNode body(String json) { return Fixtures.parse(json); }
}
