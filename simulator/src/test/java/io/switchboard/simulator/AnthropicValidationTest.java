package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AnthropicValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String TOOL = "{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}";

    private final AnthropicWire wire = new AnthropicWire(new TextGenerator(1));

    /** The valid base request with {@code field} replaced by raw JSON {@code value} (null removes the field). */
    private static JsonNode with(String field, String value) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(OK);
            if (value == null) body.remove(field);
            else body.set(field, JSON.readTree(value));
            return body;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode messages(String json) {
        return with("messages", json);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
            Arguments.of(with("model", null), "model", "model: Field required"),
            Arguments.of(with("model", "5"), "model", "model: Input should be a valid string"),
            Arguments.of(with("max_tokens", null), "max_tokens", "max_tokens: Field required"),
            Arguments.of(with("max_tokens", "0"), "max_tokens", "max_tokens: Input should be greater than or equal to 1"),
            Arguments.of(with("max_tokens", "\"10\""), "max_tokens", "max_tokens: Input should be a valid integer"),
            Arguments.of(with("max_tokens", "1.5"), "max_tokens", "max_tokens: Input should be a valid integer"),
            Arguments.of(with("max_tokens", "100000"), "max_tokens",
                "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5-20251001"),
            Arguments.of(with("messages", null), "messages", "messages: Field required"),
            Arguments.of(messages("{}"), "messages", "messages: Input should be a valid list"),
            Arguments.of(messages("[]"), "messages", "messages: at least one message is required"),
            Arguments.of(messages("[{\"role\":\"system\",\"content\":\"x\"}]"), "messages.0.role",
                "messages.0.role: Input should be 'user' or 'assistant'"),
            Arguments.of(messages("[{\"content\":\"x\"}]"), "messages.0.role", "messages.0.role: Field required"),
            Arguments.of(messages("[{\"role\":\"user\"}]"), "messages.0.content", "messages.0.content: Field required"),
            Arguments.of(messages("[{\"role\":\"user\",\"content\":5}]"), "messages.0.content",
                "messages.0.content: Input should be a valid string or a list of content blocks"),
            Arguments.of(messages("[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]"), "messages.0.content.0",
                "messages.0.content.0: Input tag 'video' found using 'type' does not match any of the expected tags: "
                    + "'text', 'image', 'document', 'search_result', 'thinking', 'redacted_thinking', 'tool_use', "
                    + "'tool_result', 'server_tool_use', 'web_search_tool_result'"),
            Arguments.of(messages("[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]"), "messages.0.content.0.text",
                "messages.0.content.0.text: Field required"),
            Arguments.of(messages("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"\"}]}]"), "messages",
                "messages: text content blocks must be non-empty"),
            Arguments.of(messages("[{\"role\":\"user\",\"content\":\"\"}]"), "messages.0",
                "messages.0: all messages must have non-empty content except for the optional final assistant message"),
            Arguments.of(messages("[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                    + "\"media_type\":\"image/bmp\",\"data\":\"AA==\"}}]}]"), "messages.0.content.0.source.media_type",
                "messages.0.content.0.source.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'"),
            Arguments.of(messages("[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Sure \"}]"),
                "messages", "messages: final assistant content cannot end with trailing whitespace"),
            Arguments.of(messages("[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_x\","
                    + "\"content\":\"42\"}]}]"), "messages.0",
                "messages.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_x. Each `tool_result` block "
                    + "must have a corresponding `tool_use` block in the previous message."),
            Arguments.of(messages("[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":"
                    + "\"tool_use\",\"id\":\"toolu_a\",\"name\":\"f\",\"input\":{}}]},{\"role\":\"user\",\"content\":\"and?\"}]"),
                "messages.2", "messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: "
                    + "toolu_a. Each `tool_use` block must have a corresponding `tool_result` block in the next message."),
            Arguments.of(with("system", "5"), "system", "system: Input should be a valid string or a list of text blocks"),
            Arguments.of(with("system", "[{\"type\":\"image\"}]"), "system.0.type", "system.0.type: Input should be 'text'"),
            Arguments.of(with("tools", "{}"), "tools", "tools: Input should be a valid list"),
            Arguments.of(with("tools", "[{\"name\":\"f\"}]"), "tools.0.input_schema", "tools.0.input_schema: Field required"),
            Arguments.of(with("tools", "[{\"name\":\"bad name\",\"input_schema\":{\"type\":\"object\"}}]"), "tools.0.name",
                "tools.0.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"),
            Arguments.of(with("tools", "[" + TOOL + "," + TOOL + "]"), "tools", "tools: Tool names must be unique."),
            Arguments.of(with("tool_choice", "{\"type\":\"auto\"}"), "tool_choice",
                "tool_choice: tool_choice may only be specified while providing tools."),
            Arguments.of(with("temperature", "1.5"), "temperature", "temperature: Input should be less than or equal to 1"),
            Arguments.of(with("temperature", "-0.1"), "temperature", "temperature: Input should be greater than or equal to 0"),
            Arguments.of(with("temperature", "\"hot\""), "temperature", "temperature: Input should be a valid number"),
            Arguments.of(with("stop_sequences", "\"END\""), "stop_sequences", "stop_sequences: Input should be a valid list"),
            Arguments.of(with("stop_sequences", "[\" \"]"), "stop_sequences",
                "stop_sequences: each stop sequence must contain non-whitespace characters"),
            Arguments.of(with("stream", "\"yes\""), "stream", "stream: Input should be a valid boolean"),
            Arguments.of(with("frequency_penalty", "0.5"), "frequency_penalty", "frequency_penalty: Extra inputs are not permitted"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void aBadFieldIsA400NamingIt(JsonNode body, String param, String message) {
        SimError error = catchThrowableOfType(SimError.class, () -> wire.messages(body));
        assertThat(error).as("expected a refusal for %s", body).isNotNull();
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.type()).isEqualTo("invalid_request_error");
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).isEqualTo(message);
    }

    @Test
    void toolChoiceProblemsAreNamed() {
        JsonNode unknownType = with("tool_choice", "{\"type\":\"required\"}");
        ((ObjectNode) unknownType).set("tools", JSON.createArrayNode().add(readTree(TOOL)));
        assertThatThrownBy(() -> wire.messages(unknownType)).isInstanceOf(SimError.class)
            .hasMessage("tool_choice: Input tag 'required' found using 'type' does not match any of the expected tags: "
                + "'auto', 'any', 'tool', 'none'");
        JsonNode unknownTool = with("tool_choice", "{\"type\":\"tool\",\"name\":\"nope\"}");
        ((ObjectNode) unknownTool).set("tools", JSON.createArrayNode().add(readTree(TOOL)));
        assertThatThrownBy(() -> wire.messages(unknownTool)).isInstanceOf(SimError.class)
            .hasMessage("tool_choice.name: Tool 'nope' not found in provided tools");
    }

    @Test
    void anUnknownModelIsA404() {
        SimError error = catchThrowableOfType(SimError.class, () -> wire.messages(with("model", "\"claude-9\"")));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.type()).isEqualTo("not_found_error");
        assertThat(error.getMessage()).isEqualTo("model: claude-9");
    }

    @Test
    void schemaErrorsComeBeforeTheModelLookup() {
        JsonNode body = with("max_tokens", null);
        ((ObjectNode) body).put("model", "claude-9");
        assertThat(catchThrowableOfType(SimError.class, () -> wire.messages(body)).status()).isEqualTo(400);
    }

    @Test
    void everyListedModelAndAliasIsServed() {
        for (String model : new String[] {"claude-haiku-4-5", "claude-haiku-4-5-20251001", "claude-sonnet-4-5",
            "claude-sonnet-4-5-20250929", "claude-opus-4-1", "claude-opus-4-1-20250805", "claude-sonnet-4-20250514",
            "claude-3-5-haiku-20241022"}) {
            assertThat(wire.messages(with("model", "\"" + model + "\""))).isInstanceOf(SimReply.Json.class);
        }
    }

    @Test
    void theFirstMessageMayComeFromTheAssistantAndRolesMayRepeat() {
        JsonNode body = messages("[{\"role\":\"assistant\",\"content\":\"Hello.\"},{\"role\":\"user\",\"content\":\"Hi\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"again\"}]}]");
        assertThat(wire.messages(body)).isInstanceOf(SimReply.Json.class);
    }

    @Test
    void countTokensRefusesMessagesOnlyFields() {
        assertThatThrownBy(() -> wire.countTokens(with("max_tokens", "10")))
            .isInstanceOf(SimError.class).hasMessage("max_tokens: Extra inputs are not permitted");
        JsonNode body = with("max_tokens", null);
        assertThat(wire.countTokens(body)).isInstanceOf(SimReply.Json.class);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
