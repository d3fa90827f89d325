package io.switchboard.gateway.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletion.Choice.FinishReason;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import io.switchboard.gateway.GatewayServer;
import io.switchboard.gateway.sdk.OpenAiReplies.ChatStream;
import io.switchboard.gateway.sdk.OpenAiReplies.ResponseStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official OpenAI Java SDK against the gateway, changing nothing but its base URL. Every case runs against
 * a model OpenAI serves (bytes pass through) and one Anthropic serves (the gateway translates both ways); the
 * simulator's text is deterministic, so the exact text and token counts are known ({@link SimulatedReply}).
 */
class OpenAiSdkThroughGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GatewayServer gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = SdkClients.startGateway();
        client = SdkClients.openAi(gateway);
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    private static ChatCompletionCreateParams chat(String model, String userText) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(userText).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-haiku-4-5"})
    void chatCompletion(String model) {
        String prompt = "Name a colour you like";
        ChatCompletion completion = client.chat().completions().create(chat(model, prompt));

        String expected = SimulatedReply.text(model, prompt);
        assertThat(OpenAiReplies.text(completion)).isNotBlank().isEqualTo(expected);
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(completion.model()).startsWith(model);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.completionTokens()).isEqualTo(SimulatedReply.tokens(model, expected));
        assertThat(usage.promptTokens()).isEqualTo(SimulatedReply.tokens(model, SimulatedReply.prompt(null, prompt)));
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-haiku-4-5"})
    void chatStreamingGivesTheSameTextAsTheNonStreamedRequest(String model) {
        String prompt = "Describe a river in one paragraph";
        String nonStreamed = OpenAiReplies.text(client.chat().completions().create(chat(model, prompt)));
        ChatCompletionCreateParams params = chat(model, prompt).toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

        ChatStream stream = OpenAiReplies.read(client.chat().completions().createStreaming(params));

        assertThat(stream.chunks()).hasSizeGreaterThan(2);
        assertThat(stream.text()).isEqualTo(nonStreamed).isEqualTo(SimulatedReply.text(model, prompt));
        assertThat(OpenAiReplies.text(stream.accumulated())).isEqualTo(nonStreamed);
        assertThat(stream.accumulated().choices().getFirst().finishReason()).isEqualTo(FinishReason.STOP);
        List<CompletionUsage> usages = stream.chunks().stream().flatMap(c -> c.usage().stream()).toList();
        assertThat(usages).as("usage chunks (stream_options.include_usage)").hasSize(1);
        assertThat(usages.getFirst().completionTokens()).isEqualTo(SimulatedReply.tokens(model, nonStreamed));
        ChatCompletionChunk usageChunk = stream.chunks().stream().filter(c -> c.usage().isPresent()).findFirst().orElseThrow();
        assertThat(usageChunk.choices()).as("the usage chunk carries no choices").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-haiku-4-5"})
    void toolCallRoundTrip(String model) throws Exception {
        ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("What is the weather in Paris?").addTool(WeatherTool.openAi()).build();
        ChatCompletion first = client.chat().completions().create(ask);

        ChatCompletion.Choice choice = first.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(choice.message().toolCalls().orElseThrow()).hasSize(1);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.id()).isNotBlank();
        assertThat(call.function().name()).isEqualTo(WeatherTool.NAME);
        JsonNode arguments = JSON.readTree(call.function().arguments());
        assertThat(JSON.convertValue(arguments, Map.class)).isEqualTo(WeatherTool.ARGUMENTS);

        ChatCompletionCreateParams answer = ask.toBuilder().addMessage(choice.message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content(WeatherTool.RESULT).build())
                .build();
        ChatCompletion second = client.chat().completions().create(answer);

        assertThat(second.choices().getFirst().finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(second.choices().getFirst().message().toolCalls().orElse(List.of())).isEmpty();
        assertThat(OpenAiReplies.text(second)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-haiku-4-5"})
    void responsesCreate(String model) {
        String prompt = "Write a line about a quiet garden";
        Response created = client.responses().create(ResponseCreateParams.builder().model(model).input(prompt).build());

        String expected = SimulatedReply.text(model, prompt);
        assertThat(OpenAiReplies.text(created)).isNotBlank().isEqualTo(expected);
        assertThat(created.status()).contains(ResponseStatus.COMPLETED);
        assertThat(created.usage().orElseThrow().outputTokens()).isEqualTo(SimulatedReply.tokens(model, expected));
    }

    /** The same request as {@link #responsesCreate}, streamed: its text is the non-streamed text. */
    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-haiku-4-5"})
    void responsesStreamingGivesTheSameText(String model) {
        String prompt = "Write a line about a quiet garden";
        ResponseCreateParams params = ResponseCreateParams.builder().model(model).input(prompt).build();

        ResponseStream stream = OpenAiReplies.readResponses(client.responses().createStreaming(params));

        String expected = SimulatedReply.text(model, prompt);
        List<ResponseStreamEvent> events = stream.events();
        assertThat(events.getFirst().created()).as("first event is response.created").isPresent();
        assertThat(events.getLast().completed()).as("last event is response.completed").isPresent();
        assertThat(stream.text()).isEqualTo(expected);
        Response completed = events.getLast().completed().orElseThrow().response();
        assertThat(OpenAiReplies.text(completed)).isEqualTo(expected);
        assertThat(completed.usage().orElseThrow().outputTokens()).isEqualTo(SimulatedReply.tokens(model, expected));
        assertThat(OpenAiReplies.text(stream.accumulated())).isEqualTo(expected);
    }

    @Test
    void theDefaultAliasIsServedByItsFirstTarget() {
        String prompt = "Say something about bridges";
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(chat("default", prompt));

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().values("x-switchboard-target")).containsExactly("openai/gpt-4o-mini");
        assertThat(OpenAiReplies.text(raw.parse())).isEqualTo(SimulatedReply.text("gpt-4o-mini", prompt));
    }

    @Test
    void modelsListNamesTheAliasAndBothProvidersModels() {
        List<Model> models = client.models().list().data();

        assertThat(models).extracting(Model::id).contains("default", "gpt-4o-mini", "claude-haiku-4-5-20251001");
        assertThat(models).filteredOn(m -> m.id().equals("default")).singleElement()
                .extracting(Model::ownedBy).isEqualTo("switchboard");
    }

    @Test
    void aWrongGatewayKeyIsUnauthorizedAndNotEchoed() {
        OpenAIClient stranger = SdkClients.openAi(gateway, SdkClients.WRONG_KEY, 0);
        try {
            assertThatThrownBy(() -> stranger.chat().completions().create(chat("gpt-4o-mini", "Hello")))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.body().toString()).doesNotContain(SdkClients.WRONG_KEY);
                    });
        } finally {
            stranger.close();
        }
    }

    @Test
    void anUnknownModelIsNotFound() {
        assertThatThrownBy(() -> client.chat().completions().create(chat("no-such-model-7", "Hello")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.code()).contains("model_not_found");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-haiku-4-5"})
    void anUpstream429IsARateLimitExceptionWhenNoFallbackApplies(String model) {
        ChatCompletionCreateParams params = chat(model, "Hello").toBuilder()
                .putAdditionalHeader("x-sim-fault", "status:429").build();

        assertThatThrownBy(() -> client.chat().completions().create(params))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).as("retry hint kept").isNotEmpty();
                    assertThat(e.type()).as("OpenAI error shape: error.type").isPresent();
                });
    }
}
