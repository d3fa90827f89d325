package io.switchboard.simulator;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.models.ModelInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The official anthropic-java SDK against the real simulator server: the wire must satisfy a real client. */
class AnthropicSdkTest {

    private static final long SEED = 11;
    private static final String MODEL = "claude-sonnet-4-5";
    private static final String LIMITED_MODEL = "claude-3-5-haiku-20241022";

    private static ProviderSimulator sim;
    private static AnthropicClient client;
    private final TextGenerator generator = new TextGenerator(SEED);

    @BeforeAll
    static void start() throws java.io.IOException {
        sim = ProviderSimulator.start(SimulatorConfig.builder().seed(SEED).port(freePort())
            .rateLimit(Provider.ANTHROPIC, LIMITED_MODEL, 1, 0).build());
        client = AnthropicOkHttpClient.builder().baseUrl(sim.anthropicBaseUrl()).apiKey("sk-ant-test").maxRetries(0).build();
    }

    // Port 0 ("any free port") fails to start the multi-instance server under Vert.x 5, so pick one here.
    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        sim.close();
    }

    private static MessageCreateParams.Builder ask(String text) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(1024).addUserMessage(text);
    }

    private static String textOf(Message message) {
        return message.content().stream().flatMap(b -> b.text().stream()).map(TextBlock::text).collect(Collectors.joining());
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Current weather for a city")
            .inputSchema(Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of(
                    "location", Map.of("type", "string"),
                    "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")))))
                .required(List.of("location", "unit"))
                .build())
            .build();
    }

    @Test
    void createReturnsTheDeterministicAnswerWithUsageAndARequestId() {
        HttpResponseFor<Message> raw = client.messages().withRawResponse().create(ask("Hello from the SDK").build());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().values("request-id")).singleElement().asString().startsWith("req_");
        Message message = raw.parse();
        message.validate();
        String expected = generator.generate(MODEL, "Hello from the SDK", "", 1024).text();
        assertThat(textOf(message)).isEqualTo(expected);
        assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(TokenCounter.count(MODEL, "Hello from the SDK"));
        assertThat(message.usage().outputTokens()).isEqualTo(TokenCounter.count(MODEL, expected));
    }

    @Test
    void aStreamAccumulatesToTheSameMessage() {
        MessageCreateParams params = ask("Stream to the SDK").system("Be brief.").build();
        Message whole = client.messages().create(params);
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message streamed = accumulator.message();
        assertThat(textOf(streamed)).isEqualTo(textOf(whole)).isNotEmpty();
        assertThat(streamed.stopReason()).isEqualTo(whole.stopReason());
        assertThat(streamed.usage().outputTokens()).isEqualTo(whole.usage().outputTokens());
        assertThat(streamed.usage().inputTokens()).isEqualTo(whole.usage().inputTokens());
    }

    @Test
    void aToolCallRoundTripEndsInText() {
        MessageCreateParams first = ask("What's the weather in Paris?").addTool(weatherTool()).build();
        Message call = client.messages().create(first);
        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock toolUse = call.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = toolUse._input().convert(Map.class);
        assertThat(input).containsOnlyKeys("location", "unit").containsEntry("unit", "celsius");

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(first)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ToolUseBlock streamedUse = accumulator.message().content().stream().flatMap(b -> b.toolUse().stream())
            .findFirst().orElseThrow();
        assertThat(streamedUse._input().convert(Map.class)).isEqualTo(input);

        MessageCreateParams second = ask("What's the weather in Paris?").addTool(weatherTool())
            .addMessage(call.toParam())
            .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("18 degrees and sunny").build())))
            .build();
        Message answer = client.messages().create(second);
        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
        assertThat(answer.content()).singleElement().satisfies(b -> assertThat(b.isText()).isTrue());
    }

    @Test
    void countTokensMatchesWhatCreateBills() {
        long counted = client.messages().countTokens(MessageCountTokensParams.builder().model(MODEL)
            .system("You are terse.").addUserMessage("Count me, please.").addTool(weatherTool()).build()).inputTokens();
        Message message = client.messages().create(ask("Count me, please.").system("You are terse.")
            .addTool(weatherTool()).toolChoice(com.anthropic.models.messages.ToolChoiceNone.builder().build()).build());
        assertThat(counted).isEqualTo(message.usage().inputTokens()).isGreaterThan(10);
    }

    @Test
    void aPrefillIsContinued() {
        String full = generator.generate(MODEL, "Prefill me", "", 1024).text();
        int k = full.indexOf(' ', 8) + 2;
        Message message = client.messages().create(ask("Prefill me").addAssistantMessage(full.substring(0, k)).build());
        assertThat(textOf(message)).isEqualTo(full.substring(k));
    }

    @Test
    void anOverloadFaultIsA529OverloadedException() {
        MessageCreateParams params = ask("overload").putAdditionalHeader("x-sim-fault", "status:529").build();
        OverloadedException e = catchThrowableOfType(OverloadedException.class, () -> client.messages().create(params));
        assertThat(e).isInstanceOf(InternalServerException.class);
        assertThat(e.statusCode()).isEqualTo(529);
        assertThat(e.body().toString()).contains("overloaded_error");
    }

    @Test
    void exceedingTheRateLimitIsARateLimitException() {
        MessageCreateParams params = MessageCreateParams.builder().model(LIMITED_MODEL).maxTokens(50)
            .addUserMessage("limited").build();
        client.messages().create(params);
        RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> client.messages().create(params));
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.headers().values("retry-after")).isNotEmpty();
    }

    @Test
    void anUnknownModelIsANotFoundException() {
        MessageCreateParams params = MessageCreateParams.builder().model("claude-imaginary-9").maxTokens(10)
            .addUserMessage("hi").build();
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.messages().create(params));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.body().toString()).contains("not_found_error").contains("claude-imaginary-9");
    }

    @Test
    void aBadFieldIsABadRequestNamingIt() {
        MessageCreateParams params = ask("too long").maxTokens(1_000_000).build();
        AnthropicServiceException e = catchThrowableOfType(BadRequestException.class, () -> client.messages().create(params));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.body().toString()).contains("invalid_request_error").contains("max_tokens: 1000000 > 64000");
    }

    @Test
    void modelsListAndRetrieveParse() {
        List<ModelInfo> models = client.models().list().items();
        assertThat(models).extracting(ModelInfo::id).contains("claude-sonnet-4-5-20250929", "claude-3-5-haiku-20241022");
        models.forEach(ModelInfo::validate);
        assertThat(client.models().retrieve("claude-haiku-4-5").id()).isEqualTo("claude-haiku-4-5-20251001");
    }
}
