package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.embeddings.EmbeddingModel;
import com.openai.models.models.Model;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK against a real in-process simulator: if the SDK accepts it, the wire is right. */
class OpenAiChatSdkTest {
    private static ProviderSimulator sim;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.builder().seed(11).build());
        client = OpenAIOkHttpClient.builder().baseUrl(sim.openAiBaseUrl()).apiKey("sk-test").maxRetries(0).timeout(java.time.Duration.ofSeconds(20))
                .responseValidation(true).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        sim.close();
    }

    private static ChatCompletionCreateParams.Builder hello() {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addSystemMessage("Be brief.").addUserMessage("Tell me about rivers.");
    }

    @Test
    void chatCompletionIsDeterministicAndCountsUsage() {
        ChatCompletion first = client.chat().completions().create(hello().build());
        ChatCompletion second = client.chat().completions().create(hello().build());
        String text = first.choices().getFirst().message().content().orElseThrow();
        assertThat(text).isNotBlank().isEqualTo(second.choices().getFirst().message().content().orElseThrow());
        assertThat(first.id()).startsWith("chatcmpl-").isNotEqualTo(second.id());
        assertThat(first.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(first.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        var usage = first.usage().orElseThrow();
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.completionTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        ChatCompletion other = client.chat().completions().create(hello().addUserMessage("And lakes?").build());
        assertThat(other.choices().getFirst().message().content().orElseThrow()).isNotEqualTo(text);
    }

    @Test
    void streamedDeltasEqualTheNonStreamedText() {
        String expected = client.chat().completions().create(hello().build()).choices().getFirst().message().content().orElseThrow();
        StringBuilder text = new StringBuilder();
        Set<String> ids = new HashSet<>();
        Set<Long> created = new HashSet<>();
        List<ChatCompletionChunk> usageChunks = new ArrayList<>();
        ChatCompletionCreateParams params = hello()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                ids.add(chunk.id());
                created.add(chunk.created());
                if (chunk.choices().isEmpty()) usageChunks.add(chunk);
                else chunk.choices().getFirst().delta().content().ifPresent(text::append);
            });
        }
        assertThat(text.toString()).isEqualTo(expected);
        assertThat(ids).hasSize(1);
        assertThat(created).hasSize(1);
        assertThat(usageChunks).hasSize(1);
        assertThat(usageChunks.getFirst().usage().orElseThrow().completionTokens()).isPositive();
    }

    @Test
    void toolCallRoundTrip() {
        ChatCompletionFunctionTool weather = ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather").description("Weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                "city", Map.of("type", "string"),
                                "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")),
                                "days", Map.of("type", "integer"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city", "unit", "days")))
                        .build())
                .build()).build();
        ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder().model("gpt-4o")
                .addUserMessage("Weather in Paris?").addTool(weather).build();
        ChatCompletion call = client.chat().completions().create(ask);
        var choice = call.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(choice.message().content()).isEmpty();
        ChatCompletionMessageFunctionToolCall toolCall = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(toolCall.id()).startsWith("call_");
        assertThat(toolCall.function().name()).isEqualTo("get_weather");
        JsonNode args = parse(toolCall.function().arguments());
        assertThat(args.path("city").isTextual()).isTrue();
        assertThat(args.path("unit").asText()).isEqualTo("celsius");
        assertThat(args.path("days").isInt()).isTrue();

        ChatCompletionCreateParams answer = ask.toBuilder().addMessage(choice.message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(toolCall.id()).content("18C, sunny").build())
                .build();
        ChatCompletion text = client.chat().completions().create(answer);
        assertThat(text.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(text.choices().getFirst().message().content().orElseThrow()).isNotBlank();
    }

    @Test
    void embeddingsAreDeterministicUnitVectors() {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder().model(EmbeddingModel.TEXT_EMBEDDING_3_SMALL)
                .inputOfArrayOfStrings(List.of("alpha", "beta")).build();
        CreateEmbeddingResponse first = client.embeddings().create(params);
        CreateEmbeddingResponse again = client.embeddings().create(params);
        assertThat(first.data()).hasSize(2);
        List<Float> alpha = first.data().get(0).embedding();
        assertThat(alpha).hasSize(1536).isEqualTo(again.data().get(0).embedding());
        assertThat(alpha).isNotEqualTo(first.data().get(1).embedding());
        double norm = alpha.stream().mapToDouble(f -> f * f).sum();
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(first.usage().promptTokens()).isPositive();
    }

    @Test
    void listsModels() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).contains("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-5", "gpt-5-mini",
                "text-embedding-3-small", "text-embedding-3-large");
        assertThat(client.models().retrieve("gpt-5").id()).isEqualTo("gpt-5");
    }

    @Test
    void faultHeaderAndUnknownModelSurfaceAsSdkExceptions() {
        assertThatThrownBy(() -> client.chat().completions().create(hello().putAdditionalHeader("x-sim-fault", "status:429").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("1");
                    assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
                    assertThat(e.body().toString()).contains("rate_limit_exceeded");
                });
        assertThatThrownBy(() -> client.chat().completions().create(hello().putAdditionalHeader("x-sim-fault", "status:500").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThatThrownBy(() -> client.chat().completions().create(hello().model("gpt-9").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.body().toString()).contains("model_not_found"));
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
