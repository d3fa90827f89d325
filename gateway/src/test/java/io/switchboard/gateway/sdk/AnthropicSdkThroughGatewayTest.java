package io.switchboard.gateway.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.ServiceUnavailableException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.models.ModelInfo;
import io.switchboard.gateway.GatewayServer;
import io.switchboard.gateway.sdk.AnthropicReplies.MessageStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Anthropic Java SDK against the gateway, changing nothing but its base URL. Every case runs
 * against a model Anthropic serves (bytes pass through) and one OpenAI serves (the gateway translates both
 * ways); the simulator's text is deterministic, so the exact text and token counts are known.
 */
class AnthropicSdkThroughGatewayTest {
    private static final long MAX_TOKENS = 1024;
    private static GatewayServer gateway;
    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        gateway = SdkClients.startGateway();
        client = SdkClients.anthropic(gateway);
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    private static MessageCreateParams message(String model, String userText) {
        return MessageCreateParams.builder().model(model).maxTokens(MAX_TOKENS).addUserMessage(userText).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-haiku-4-5", "gpt-4o-mini"})
    void messagesCreate(String model) {
        String prompt = "Name a colour you like";
        Message reply = client.messages().create(message(model, prompt));

        String expected = SimulatedReply.text(model, prompt);
        assertThat(AnthropicReplies.text(reply)).isNotBlank().isEqualTo(expected);
        assertThat(reply.stopReason()).contains(StopReason.END_TURN);
        assertThat(reply.id()).isNotBlank();
        assertThat(reply.usage().outputTokens()).isEqualTo(SimulatedReply.tokens(model, expected));
        assertThat(reply.usage().inputTokens()).isEqualTo(SimulatedReply.tokens(model, SimulatedReply.prompt(null, prompt)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-haiku-4-5", "gpt-4o-mini"})
    void streamingGivesTheSameTextAsTheNonStreamedRequest(String model) {
        String prompt = "Describe a river in one paragraph";
        String nonStreamed = AnthropicReplies.text(client.messages().create(message(model, prompt)));

        MessageStream stream = AnthropicReplies.read(client.messages().createStreaming(message(model, prompt)));

        assertThat(stream.events().getFirst().messageStart()).as("first event is message_start").isPresent();
        assertThat(stream.events().getLast().messageStop()).as("last event is message_stop").isPresent();
        assertThat(stream.text()).isEqualTo(nonStreamed).isEqualTo(SimulatedReply.text(model, prompt));
        assertThat(AnthropicReplies.text(stream.accumulated())).isEqualTo(nonStreamed);
        assertThat(stream.accumulated().stopReason()).contains(StopReason.END_TURN);
        assertThat(stream.accumulated().usage().outputTokens()).isEqualTo(SimulatedReply.tokens(model, nonStreamed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-haiku-4-5", "gpt-4o-mini"})
    void toolUseRoundTrip(String model) {
        MessageCreateParams ask = MessageCreateParams.builder().model(model).maxTokens(MAX_TOKENS)
                .addUserMessage("What is the weather in Paris?").addTool(WeatherTool.anthropic()).build();
        Message first = client.messages().create(ask);

        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
        List<ToolUseBlock> uses = first.content().stream().flatMap(b -> b.toolUse().stream()).toList();
        assertThat(uses).hasSize(1);
        ToolUseBlock use = uses.getFirst();
        assertThat(use.id()).isNotBlank();
        assertThat(use.name()).isEqualTo(WeatherTool.NAME);
        assertThat(use._input().convert(Map.class)).isEqualTo(WeatherTool.ARGUMENTS);

        MessageCreateParams answer = ask.toBuilder().addMessage(first)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(use.id()).content(WeatherTool.RESULT).build())))
                .build();
        Message second = client.messages().create(answer);

        assertThat(second.stopReason()).contains(StopReason.END_TURN);
        assertThat(second.content()).allSatisfy(b -> assertThat(b.toolUse()).isEmpty());
        assertThat(AnthropicReplies.text(second)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-haiku-4-5", "gpt-4o-mini"})
    void theSystemPromptReachesTheModel(String model) {
        String system = "You are a terse assistant who answers in one line.";
        String prompt = "Name a colour you like";
        Message reply = client.messages().create(message(model, prompt).toBuilder().system(system).build());

        // The simulated model's text is a function of the whole prompt: a dropped system text changes it.
        assertThat(AnthropicReplies.text(reply)).isEqualTo(SimulatedReply.text(model, system, prompt))
                .isNotEqualTo(SimulatedReply.text(model, prompt));
        assertThat(reply.usage().inputTokens()).isEqualTo(SimulatedReply.tokens(model, SimulatedReply.prompt(system, prompt)));
    }

    @Test
    void countTokensMatchesWhatTheMessageIsBilled() {
        String model = "claude-haiku-4-5";
        String system = "Be brief.";
        String prompt = "How many tokens is this sentence?";
        long counted = client.messages().countTokens(MessageCountTokensParams.builder()
                .model(model).system(system).addUserMessage(prompt).build()).inputTokens();

        assertThat(counted).isEqualTo(SimulatedReply.tokens(model, SimulatedReply.prompt(system, prompt))).isPositive();
        Message billed = client.messages().create(message(model, prompt).toBuilder().system(system).build());
        assertThat(billed.usage().inputTokens()).isEqualTo(counted);
    }

    @Test
    void modelsListInAnthropicsShapeNamesTheAliasAndBothProvidersModels() {
        List<ModelInfo> models = client.models().list().data();

        assertThat(models).extracting(ModelInfo::id).contains("default", "gpt-4o-mini", "claude-haiku-4-5-20251001");
    }

    @Test
    void aWrongGatewayKeyIsUnauthorizedAndNotEchoed() {
        AnthropicClient stranger = SdkClients.anthropic(gateway, SdkClients.WRONG_KEY, 0);
        try {
            assertThatThrownBy(() -> stranger.messages().create(message("claude-haiku-4-5", "Hello")))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.errorType()).contains(ErrorType.AUTHENTICATION_ERROR);
                        assertThat(e.body().toString()).doesNotContain(SdkClients.WRONG_KEY);
                    });
        } finally {
            stranger.close();
        }
    }

    @Test
    void anUpstream529IsTheSdksOverloadedException() {
        MessageCreateParams params = message("claude-haiku-4-5", "Hello").toBuilder()
                .putAdditionalHeader("x-sim-fault", "status:529").build();

        assertThatThrownBy(() -> client.messages().create(params))
                .isInstanceOfSatisfying(OverloadedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.errorType()).contains(ErrorType.OVERLOADED_ERROR);
                });
    }

    /**
     * OpenAI says 503 where Anthropic says 529; the gateway keeps the status (503 -> {@code api_error}, per the
     * providers' {@code MessagesErrors}) unless the upstream error was an overload (-> 529 {@code overloaded_error}).
     */
    @Test
    void anOpenAiServed503ReachesTheAnthropicClientInAnthropicsShape() {
        MessageCreateParams params = message("gpt-4o-mini", "Hello").toBuilder()
                .putAdditionalHeader("x-sim-fault", "status:503").build();

        assertThatThrownBy(() -> client.messages().create(params))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
                    assertThat(e.statusCode()).isIn(503, 529);
                    Map<?, ?> body = e.body().convert(Map.class);
                    assertThat(body.get("type")).as("Anthropic's error envelope").isEqualTo("error");
                    if (e.statusCode() == 503) {
                        assertThat(e).isInstanceOf(ServiceUnavailableException.class);
                        assertThat(e.errorType()).contains(ErrorType.API_ERROR);
                    } else {
                        assertThat(e).isInstanceOf(OverloadedException.class);
                        assertThat(e.errorType()).contains(ErrorType.OVERLOADED_ERROR);
                    }
                    assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).isNotBlank());
                    assertThat(e.headers().values("request-id")).as("Anthropic's request-id header").isNotEmpty();
                });
    }
}
