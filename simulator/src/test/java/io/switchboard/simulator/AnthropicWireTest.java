package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "claude-sonnet-4-5";
    private static final String WEATHER = "{\"name\":\"get_weather\",\"description\":\"Weather for a city\",\"input_schema\":"
        + "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\","
        + "\"enum\":[\"celsius\",\"fahrenheit\"]},\"days\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5},"
        + "\"verbose\":{\"type\":\"boolean\"}},\"required\":[\"location\",\"unit\",\"days\"]}}";
    private static final String CLOCK = "{\"name\":\"get_time\",\"input_schema\":{\"type\":\"object\",\"properties\":"
        + "{\"zone\":{\"type\":\"string\"}},\"required\":[\"zone\"]}}";

    private final TextGenerator generator = new TextGenerator(3);
    private final AnthropicWire wire = new AnthropicWire(generator);

    private static ObjectNode request(String messagesJson) {
        ObjectNode body = JSON.createObjectNode().put("model", MODEL).put("max_tokens", 1024);
        body.set("messages", read(messagesJson));
        return body;
    }

    private static ObjectNode ask(String userText) {
        return request("[{\"role\":\"user\",\"content\":" + JSON.valueToTree(userText) + "}]");
    }

    private JsonNode message(JsonNode body) {
        SimReply reply = wire.messages(body);
        assertThat(reply).isInstanceOf(SimReply.Json.class);
        SimReply.Json json = (SimReply.Json) reply;
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.headers()).containsEntry("content-type", "application/json");
        assertThat(json.headers().get("request-id")).matches("req_01[0-9A-Za-z]{22}");
        return read(json.body());
    }

    private List<JsonNode> stream(ObjectNode body) {
        SimReply reply = wire.messages(body.deepCopy().put("stream", true));
        assertThat(reply).isInstanceOf(SimReply.Stream.class);
        assertThat(reply.headers().get("content-type")).startsWith("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        for (SimReply.Frame frame : ((SimReply.Stream) reply).frames()) {
            String[] lines = frame.text().split("\n", -1);
            assertThat(frame.text()).endsWith("\n\n");
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            JsonNode data = read(lines[1].substring("data: ".length()));
            assertThat(data.get("type").asText()).isEqualTo(lines[0].substring("event: ".length()));
            ((ObjectNode) data).put("_tokens", frame.tokens());
            events.add(data);
        }
        return events;
    }

    private static String canonical(TextGenerator g, String prompt) {
        return g.generate(MODEL, prompt, "", Integer.MAX_VALUE).text();
    }

    @Test
    void aPlainAnswerHasTheMessageShapeAndCountsItsTokens() {
        JsonNode m = message(ask("Tell me a story."));
        assertThat(m.get("id").asText()).matches("msg_01[0-9A-Za-z]{22}");
        assertThat(m.get("type").asText()).isEqualTo("message");
        assertThat(m.get("role").asText()).isEqualTo("assistant");
        assertThat(m.get("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(m.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(m.get("stop_sequence").isNull()).isTrue();
        assertThat(m.get("content")).hasSize(1);
        String text = m.at("/content/0/text").asText();
        assertThat(m.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(text).isEqualTo(canonical(generator, "Tell me a story."));
        JsonNode usage = m.get("usage");
        assertThat(usage.get("input_tokens").asInt()).isEqualTo(TokenCounter.count(MODEL, "Tell me a story."));
        assertThat(usage.get("output_tokens").asInt()).isEqualTo(TokenCounter.count(MODEL, text));
        assertThat(usage.get("cache_creation_input_tokens").asInt()).isZero();
        assertThat(usage.get("cache_read_input_tokens").asInt()).isZero();
        assertThat(usage.at("/cache_creation/ephemeral_5m_input_tokens").asInt()).isZero();
        assertThat(usage.at("/cache_creation/ephemeral_1h_input_tokens").asInt()).isZero();
        assertThat(usage.get("service_tier").asText()).isEqualTo("standard");
    }

    @Test
    void theSameRequestGivesTheSameContentUnderFreshIds() {
        JsonNode a = message(ask("same"));
        JsonNode b = message(ask("same"));
        assertThat(a.get("content")).isEqualTo(b.get("content"));
        assertThat(a.get("usage")).isEqualTo(b.get("usage"));
        assertThat(a.get("id")).isNotEqualTo(b.get("id"));
    }

    @Test
    void systemAndEveryMessageFeedThePrompt() {
        ObjectNode body = request("[{\"role\":\"user\",\"content\":\"one\"},{\"role\":\"assistant\",\"content\":"
            + "[{\"type\":\"text\",\"text\":\"two\"}]},{\"role\":\"user\",\"content\":\"three\"}]");
        body.set("system", read("[{\"type\":\"text\",\"text\":\"Be terse.\"}]"));
        String prompt = TextGenerator.promptOf("Be terse.", List.of("one", "two", "three"));
        JsonNode m = message(body);
        assertThat(m.at("/content/0/text").asText()).isEqualTo(canonical(generator, prompt));
        assertThat(m.at("/usage/input_tokens").asInt()).isEqualTo(TokenCounter.count(MODEL, prompt));
    }

    @Test
    void maxTokensCutsTheAnswer() {
        JsonNode m = message(ask("Tell me a story.").put("max_tokens", 5));
        assertThat(m.get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(m.at("/usage/output_tokens").asInt()).isEqualTo(5);
        assertThat(canonical(generator, "Tell me a story.")).startsWith(m.at("/content/0/text").asText());
    }

    @Test
    void theStreamFollowsTheEventSequenceAndMatchesTheJsonAnswer() {
        ObjectNode body = ask("Stream this please.");
        JsonNode whole = message(body);
        List<JsonNode> events = stream(body);
        List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
        assertThat(types.subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
        assertThat(types.subList(types.size() - 3, types.size()))
            .containsExactly("content_block_stop", "message_delta", "message_stop");
        assertThat(types.subList(3, types.size() - 3)).containsOnly("content_block_delta").isNotEmpty();

        JsonNode start = events.getFirst().get("message");
        assertThat(start.get("content")).isEmpty();
        assertThat(start.get("stop_reason").isNull()).isTrue();
        assertThat(start.at("/usage/output_tokens").asInt()).isEqualTo(1);
        assertThat(start.at("/usage/input_tokens")).isEqualTo(whole.at("/usage/input_tokens"));
        assertThat(start.get("model")).isEqualTo(whole.get("model"));
        assertThat(events.get(1).at("/content_block/type").asText()).isEqualTo("text");
        assertThat(events.get(1).at("/content_block/text").asText()).isEmpty();

        StringBuilder text = new StringBuilder();
        int tokens = 0;
        for (JsonNode e : events) {
            if (e.get("type").asText().equals("content_block_delta")) {
                assertThat(e.at("/delta/type").asText()).isEqualTo("text_delta");
                text.append(e.at("/delta/text").asText());
                assertThat(e.get("_tokens").asInt()).isEqualTo(TokenCounter.count(MODEL, e.at("/delta/text").asText()));
            }
            tokens += e.get("_tokens").asInt();
        }
        assertThat(text.toString()).isEqualTo(whole.at("/content/0/text").asText());
        JsonNode delta = events.get(events.size() - 2);
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/delta/stop_sequence").isNull()).isTrue();
        assertThat(delta.at("/usage/output_tokens")).isEqualTo(whole.at("/usage/output_tokens"));
        assertThat(tokens).isEqualTo(whole.at("/usage/output_tokens").asInt());
    }

    @Test
    void aStopSequenceCutsTheTextBeforeIt() {
        String full = canonical(generator, "Stop somewhere.");
        String[] words = full.split(" ");
        String stop = words[4];
        int at = full.indexOf(stop);
        ObjectNode body = ask("Stop somewhere.");
        body.set("stop_sequences", JSON.createArrayNode().add("zzz-never").add(stop));
        JsonNode m = message(body);
        assertThat(m.get("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(m.get("stop_sequence").asText()).isEqualTo(stop);
        assertThat(m.at("/content/0/text").asText()).isEqualTo(full.substring(0, at));
        assertThat(m.at("/usage/output_tokens").asInt()).isEqualTo(TokenCounter.count(MODEL, full.substring(0, at)));

        List<JsonNode> events = stream(body);
        JsonNode delta = events.get(events.size() - 2);
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(delta.at("/delta/stop_sequence").asText()).isEqualTo(stop);
    }

    @Test
    void aUserQuestionWithToolsGetsTextThenAToolCallFromTheSchema() {
        ObjectNode body = ask("What is the weather in Paris?");
        body.set("tools", read("[" + WEATHER + "," + CLOCK + "]"));
        JsonNode m = message(body);
        assertThat(m.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(m.get("content")).hasSize(2);
        String text = m.at("/content/0/text").asText();
        assertThat(text).endsWith(".").doesNotContain(". ");
        JsonNode call = m.at("/content/1");
        assertThat(call.get("type").asText()).isEqualTo("tool_use");
        assertThat(call.get("id").asText()).matches("toolu_01[0-9A-Za-z]{22}");
        assertThat(call.get("name").asText()).isEqualTo("get_weather");
        JsonNode input = call.get("input");
        assertThat(input.properties()).extracting(java.util.Map.Entry::getKey)
            .containsExactlyInAnyOrder("location", "unit", "days");
        assertThat(input.get("location").isTextual()).isTrue();
        assertThat(input.get("unit").asText()).isEqualTo("celsius");
        assertThat(input.get("days").asInt()).isBetween(1, 5);
        assertThat(m.at("/usage/output_tokens").asInt())
            .isEqualTo(TokenCounter.count(MODEL, text) + TokenCounter.count(MODEL, input.toString()));
        assertThat(m.at("/usage/input_tokens").asInt()).isEqualTo(TokenCounter.count(MODEL, "What is the weather in Paris?")
            + TokenCounter.count(MODEL, body.get("tools").toString()));
    }

    @Test
    void aStreamedToolCallSendsItsInputAsJsonFragments() {
        ObjectNode body = ask("What is the weather in Paris?");
        body.set("tools", read("[" + WEATHER + "]"));
        JsonNode whole = message(body);
        List<JsonNode> events = stream(body);
        List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
        int toolStart = types.lastIndexOf("content_block_start");
        JsonNode block = events.get(toolStart).get("content_block");
        assertThat(events.get(toolStart).get("index").asInt()).isEqualTo(1);
        assertThat(block.get("type").asText()).isEqualTo("tool_use");
        assertThat(block.get("name").asText()).isEqualTo("get_weather");
        assertThat(block.get("input")).isEmpty();
        List<JsonNode> fragments = events.subList(toolStart + 1, types.size() - 3);
        assertThat(fragments).allSatisfy(e -> assertThat(e.at("/delta/type").asText()).isEqualTo("input_json_delta"));
        assertThat(fragments.getFirst().at("/delta/partial_json").asText()).isEmpty();
        StringBuilder json = new StringBuilder();
        fragments.forEach(e -> json.append(e.at("/delta/partial_json").asText()));
        assertThat(read(json.toString())).isEqualTo(whole.at("/content/1/input"));
        assertThat(events.get(events.size() - 2).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(events.get(events.size() - 2).at("/usage/output_tokens")).isEqualTo(whole.at("/usage/output_tokens"));
    }

    @Test
    void afterAToolResultTheModelAnswersInText() {
        JsonNode first = message(ask("Weather?").set("tools", read("[" + WEATHER + "]")));
        ArrayNode history = (ArrayNode) read("[{\"role\":\"user\",\"content\":\"Weather?\"}]");
        history.addObject().put("role", "assistant").set("content", first.get("content"));
        history.addObject().put("role", "user").set("content", read("[{\"type\":\"tool_result\",\"tool_use_id\":"
            + JSON.valueToTree(first.at("/content/1/id").asText()) + ",\"content\":\"18 degrees\"}]"));
        ObjectNode body = request(history.toString());
        body.set("tools", read("[" + WEATHER + "]"));
        JsonNode m = message(body);
        assertThat(m.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(m.get("content")).hasSize(1);
        assertThat(m.at("/content/0/type").asText()).isEqualTo("text");
    }

    @Test
    void toolChoiceDecidesWhetherAndWhichToolIsCalled() {
        ObjectNode none = ask("Weather?");
        none.set("tools", read("[" + WEATHER + "," + CLOCK + "]"));
        none.set("tool_choice", read("{\"type\":\"none\"}"));
        assertThat(message(none).get("stop_reason").asText()).isEqualTo("end_turn");

        ObjectNode named = none.deepCopy();
        named.set("tool_choice", read("{\"type\":\"tool\",\"name\":\"get_time\"}"));
        JsonNode m = message(named);
        assertThat(m.at("/content/1/name").asText()).isEqualTo("get_time");
        assertThat(m.at("/content/1/input/zone").isTextual()).isTrue();

        ObjectNode any = none.deepCopy();
        any.set("tool_choice", read("{\"type\":\"any\"}"));
        assertThat(message(any).at("/content/1/name").asText()).isEqualTo("get_weather");
    }

    @Test
    void aToolCallThatDoesNotFitTheBudgetEndsWithMaxTokens() {
        ObjectNode body = ask("Weather?");
        body.set("tools", read("[" + WEATHER + "]"));
        JsonNode full = message(body);
        int textTokens = TokenCounter.count(MODEL, full.at("/content/0/text").asText());
        JsonNode m = message(body.deepCopy().put("max_tokens", textTokens + 1));
        assertThat(m.get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(m.get("content")).hasSize(1);
        assertThat(m.at("/usage/output_tokens").asInt()).isEqualTo(textTokens);
    }

    @Test
    void aPrefillIsContinuedWithTheRestOfTheAnswer() {
        String full = canonical(generator, "Continue me.");
        int k = full.indexOf(' ', 10) + 2; // inside a word: Anthropic refuses a prefill ending in whitespace
        while (Character.isWhitespace(full.charAt(k - 1))) k++;
        String prefill = full.substring(0, k);
        ObjectNode body = request("[{\"role\":\"user\",\"content\":\"Continue me.\"},{\"role\":\"assistant\",\"content\":"
            + JSON.valueToTree(prefill) + "}]");
        JsonNode m = message(body);
        assertThat(m.at("/content/0/text").asText()).isEqualTo(full.substring(k));
        assertThat(m.at("/usage/input_tokens").asInt())
            .isEqualTo(TokenCounter.count(MODEL, "Continue me.") + TokenCounter.count(MODEL, prefill));

        StringBuilder streamed = new StringBuilder();
        for (JsonNode e : stream(body)) {
            if (e.get("type").asText().equals("content_block_delta")) streamed.append(e.at("/delta/text").asText());
        }
        assertThat(streamed.toString()).isEqualTo(full.substring(k));
    }

    @Test
    void countTokensEqualsWhatMessagesBills() {
        ObjectNode body = request("[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"content\":\"It\"}]");
        body.put("system", "You are a weather bot.");
        body.set("tools", read("[" + WEATHER + "]"));
        JsonNode billed = message(body).at("/usage/input_tokens");
        body.remove("max_tokens");
        SimReply.Json counted = (SimReply.Json) wire.countTokens(body);
        JsonNode answer = read(counted.body());
        assertThat(answer.properties()).hasSize(1);
        assertThat(answer.get("input_tokens")).isEqualTo(billed);
        assertThat(billed.asInt()).isGreaterThan(TokenCounter.count(MODEL, body.get("tools").toString()));
    }

    @Test
    void errorBodiesAndTypesFollowAnthropic() {
        JsonNode body = read(AnthropicWire.errorBody(529, "overloaded_error", "Overloaded", "req_1"));
        assertThat(body).isEqualTo(read("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
            + "\"message\":\"Overloaded\"},\"request_id\":\"req_1\"}"));
        assertThat(read(AnthropicWire.errorBody(429, null, "slow down", null)))
            .isEqualTo(read("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"));
        int[] statuses = {400, 401, 402, 403, 404, 409, 413, 429, 500, 503, 504, 529};
        String[] types = {"invalid_request_error", "authentication_error", "billing_error", "permission_error",
            "not_found_error", "invalid_request_error", "request_too_large", "rate_limit_error", "api_error", "api_error",
            "timeout_error", "overloaded_error"};
        for (int i = 0; i < statuses.length; i++) assertThat(AnthropicWire.errorType(statuses[i])).isEqualTo(types[i]);
    }

    @Test
    void modelsListEverySnapshotInTheListPageShape() {
        JsonNode list = AnthropicWire.models();
        assertThat(list.get("has_more").asBoolean()).isFalse();
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(m -> {
            assertThat(m.get("type").asText()).isEqualTo("model");
            assertThat(m.get("display_name").asText()).startsWith("Claude");
            assertThat(java.time.OffsetDateTime.parse(m.get("created_at").asText())).isNotNull();
            ids.add(m.get("id").asText());
        });
        assertThat(ids).containsExactly("claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929",
            "claude-opus-4-1-20250805", "claude-sonnet-4-20250514", "claude-3-5-haiku-20241022");
        assertThat(list.get("first_id").asText()).isEqualTo(ids.getFirst());
        assertThat(list.get("last_id").asText()).isEqualTo(ids.getLast());
        assertThat(AnthropicWire.model("claude-opus-4-1").get("id").asText()).isEqualTo("claude-opus-4-1-20250805");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
