package io.switchboard.gateway.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.switchboard.gateway.GatewayServer;
import io.switchboard.simulator.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDKs retry 429 and 5xx on their own, twice by default, and obey {@code x-should-retry} over the status
 * (provider-apis.md A3, retry table). Behind a gateway that has already tried (fallback across a route's
 * targets, or its own retries) those SDK retries multiply the upstream load; the gateway must answer such an
 * error with {@code x-should-retry: false}. When it made a single attempt, the SDK's retries are the only
 * ones and must stay allowed. Everything is counted where it lands: the simulator's received requests.
 *
 * <p>SDK retries here run with default settings; the simulator is told to advertise a 10 ms retry delay
 * ({@code x-sim-retry-after-ms} / a scenario's {@code retry_after_ms}) so the SDKs' waits stay short.
 */
class SdkRetrySignalTest {
    private static final int SDK_ATTEMPTS = 1 + SdkClients.SDK_DEFAULT_RETRIES;
    /** Both simulated providers fail every request, so the {@code default} route's two targets both fail. */
    private static final Scenario EVERYTHING_OVERLOADED =
            Scenario.parse("{\"rules\":[{\"fault\":\"status:503\",\"retry_after_ms\":10}]}");
    /** The {@code default} route of {@code GatewayConfig.withSimulator}: gpt-4o-mini, then claude-haiku-4-5. */
    private static final int DEFAULT_ROUTE_TARGETS = 2;

    private static GatewayServer gateway;
    private static OpenAIClient openAi;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void start() {
        gateway = SdkClients.startGateway();
        openAi = SdkClients.openAi(gateway, SdkClients.GATEWAY_KEY, SdkClients.SDK_DEFAULT_RETRIES);
        anthropic = SdkClients.anthropic(gateway, SdkClients.GATEWAY_KEY, SdkClients.SDK_DEFAULT_RETRIES);
    }

    @AfterAll
    static void stop() {
        openAi.close();
        anthropic.close();
        gateway.close();
    }

    @BeforeEach
    void resetCounts() { gateway.simulator().resetStats(); }

    @AfterEach
    void clearFaults() { gateway.simulator().clearScenario(); }

    private static long upstreamRequests() { return gateway.simulator().stats().total(); }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Hello").build();
    }

    private static MessageCreateParams message(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage("Hello").build();
    }

    @Test
    void afterASingleGatewayAttemptTheOpenAiSdkStillRetries() {
        ChatCompletionCreateParams params = chat("gpt-4o-mini").toBuilder()
                .putAdditionalHeader("x-sim-fault", "status:500").putAdditionalHeader("x-sim-retry-after-ms", "10").build();

        assertThatThrownBy(() -> openAi.chat().completions().create(params))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.headers().values("x-should-retry")).doesNotContain("false");
                });
        assertThat(upstreamRequests()).as("one gateway attempt per SDK attempt").isEqualTo(SDK_ATTEMPTS);
    }

    @Test
    void afterASingleGatewayAttemptTheAnthropicSdkStillRetries() {
        MessageCreateParams params = message("claude-haiku-4-5").toBuilder()
                .putAdditionalHeader("x-sim-fault", "status:529").putAdditionalHeader("x-sim-retry-after-ms", "10").build();

        assertThatThrownBy(() -> anthropic.messages().create(params))
                .isInstanceOfSatisfying(OverloadedException.class, e ->
                        assertThat(e.headers().values("x-should-retry")).doesNotContain("false"));
        assertThat(upstreamRequests()).as("one gateway attempt per SDK attempt").isEqualTo(SDK_ATTEMPTS);
    }

    @Test
    void afterAFallbackTheGatewayTellsTheOpenAiSdkNotToRetry() {
        gateway.simulator().setScenario(EVERYTHING_OVERLOADED);

        OpenAIServiceException e = catchThrowableOfType(OpenAIServiceException.class,
                () -> openAi.chat().completions().create(chat("default")));

        assertThat(upstreamRequests()).as("each target tried once, no SDK retry").isEqualTo(DEFAULT_ROUTE_TARGETS);
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.headers().values("x-should-retry")).containsExactly("false");
    }

    @Test
    void afterAFallbackTheGatewayTellsTheAnthropicSdkNotToRetry() {
        gateway.simulator().setScenario(EVERYTHING_OVERLOADED);

        AnthropicServiceException e = catchThrowableOfType(AnthropicServiceException.class,
                () -> anthropic.messages().create(message("default")));

        assertThat(upstreamRequests()).as("each target tried once, no SDK retry").isEqualTo(DEFAULT_ROUTE_TARGETS);
        assertThat(e.statusCode()).isIn(503, 529);
        assertThat(e.headers().values("x-should-retry")).containsExactly("false");
    }
}
