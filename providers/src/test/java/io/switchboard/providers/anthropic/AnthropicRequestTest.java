package io.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.switchboard.providers.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicRequestTest {
    private final AnthropicMessagesFormat format = new AnthropicMessagesFormat();

    @Test
    void decodesBlocksToolsAndSettings() {
        ChatRequest r = format.decodeRequest(Fixtures.json("anthropic/request-tools.json"));

        assertThat(r.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(r.maxTokens()).isEqualTo(1024);
        assertThat(r.system()).isEqualTo("You are a weather assistant.\n\nBe terse.");
        assertThat(r.messages()).containsExactly(
                new Message(Role.USER, List.of(new ContentPart.Text("Weather in Paris?"),
                        new ContentPart.Image("image/png", "iVBORw0KGgo=", null))),
                new Message(Role.ASSISTANT, List.of(new ContentPart.Thinking("User wants weather.", "sig123"),
                        new ContentPart.Text("Checking."),
                        new ContentPart.ToolCall("toolu_01A", "get_weather", "{\"city\":\"Paris\"}"))),
                new Message(Role.USER, List.of(new ContentPart.ToolResult("toolu_01A", "18C\n\nsunny", false),
                        new ContentPart.ToolResult("toolu_01B", "timeout", true), new ContentPart.Text("And tomorrow?"))));
        assertThat(r.stop()).containsExactly("###");
        assertThat(r.temperature()).isEqualTo(0.5);
        assertThat(r.tools()).singleElement().satisfies(t -> assertThat(t.parameters().get("type").asText()).isEqualTo("object"));
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.named("get_weather"));
        assertThat(r.parallelToolCalls()).isFalse();
        assertThat(r.user()).isEqualTo("user-9");
        assertThat(r.responseFormat().type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
        assertThat(r.responseFormat().schema().at("/properties/t/type").asText()).isEqualTo("number");
        assertThat(r.stream()).isTrue();
    }

    @Test
    void rejectsBadInputNamingTheField() {
        assertInvalid("{\"max_tokens\":5,\"messages\":[]}", "model");
        assertInvalid("{\"model\":\"c\",\"messages\":[]}", "max_tokens");
        assertInvalid("{\"model\":\"c\",\"max_tokens\":5,\"messages\":{}}", "messages");
        assertInvalid("{\"model\":\"c\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}", "messages[0].role");
        assertInvalid("{\"model\":\"c\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\"}]}]}",
                "messages[0].content[0].type");
        assertInvalid("{\"model\":\"c\",\"max_tokens\":5,\"messages\":[],\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"ws\"}]}",
                "tools[0].type");
        assertInvalid("{\"model\":\"c\",\"max_tokens\":5,\"messages\":[],\"tool_choice\":{\"type\":\"maybe\"}}", "tool_choice.type");
        assertInvalid("{\"model\":\"c\",\"max_tokens\":\"5\",\"messages\":[]}", "max_tokens");
    }

    @Test
    void encodesWithDefaultMaxTokensAndClampedTemperature() {
        ChatRequest r = ChatRequest.builder().model("claude-haiku-4-5").messages(List.of(
                        new Message(Role.USER, List.of(new ContentPart.Text("Hi"), new ContentPart.ToolResult("call_1", "ok", false))),
                        new Message(Role.ASSISTANT, List.of(new ContentPart.Text(""), new ContentPart.Thinking("unsigned", null)))))
                .temperature(1.8)
                .tools(List.of(new Tool("f", null, null, true)))
                .parallelToolCalls(false)
                .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, null))
                .metadata(java.util.Map.of("dropped", "yes"))
                .build();

        ObjectNode body = format.encodeRequest(r);

        JsonNode expected = Fixtures.parse("""
                {"model":"claude-haiku-4-5","max_tokens":4096,
                 "messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"ok"},{"type":"text","text":"Hi"}]}],
                 "temperature":1.0,
                 "tools":[{"name":"f","input_schema":{"type":"object"},"strict":true}],
                 "tool_choice":{"type":"auto","disable_parallel_tool_use":true},
                 "output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}}}
                """);
        assertThat(body).isEqualTo(expected);
        assertThat(AnthropicMessagesFormat.DEFAULT_MAX_TOKENS).isEqualTo(4096);
    }

    @Test
    void encodesToolChoiceModes() {
        assertThat(choice(ToolChoice.AUTO, null)).isEqualTo(Fixtures.parse("{\"type\":\"auto\"}"));
        assertThat(choice(ToolChoice.REQUIRED, true)).isEqualTo(Fixtures.parse("{\"type\":\"any\"}"));
        assertThat(choice(ToolChoice.named("f"), false)).isEqualTo(Fixtures.parse("{\"type\":\"tool\",\"name\":\"f\",\"disable_parallel_tool_use\":true}"));
        assertThat(choice(ToolChoice.NONE, false)).isEqualTo(Fixtures.parse("{\"type\":\"none\"}"));
        assertThat(choice(null, null)).isNull();
    }

    @Test
    void rejectsToolCallArgumentsThatAreNotAnObject() {
        ChatRequest r = ChatRequest.builder().model("c").messages(List.of(
                new Message(Role.ASSISTANT, List.of(new ContentPart.ToolCall("t", "f", "[1]"))))).build();
        assertThatThrownBy(() -> format.encodeRequest(r)).isInstanceOf(ProviderException.class);
    }

    @Test
    void requestRoundTripsThroughNeutral() {
        ChatRequest decoded = format.decodeRequest(Fixtures.json("anthropic/request-tools.json"));
        assertThat(format.decodeRequest(format.encodeRequest(decoded))).isEqualTo(decoded);
    }

    private JsonNode choice(ToolChoice c, Boolean parallel) {
        ChatRequest r = ChatRequest.builder().model("c").messages(List.of(Message.user("x")))
                .tools(List.of(new Tool("f", null, Json.object(), null))).toolChoice(c).parallelToolCalls(parallel).build();
        return format.encodeRequest(r).get("tool_choice");
    }

    private void assertInvalid(String json, String param) { InvalidRequests.assertRejected(format, json, param); }
}
