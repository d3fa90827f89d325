package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The anthropic-java SDK through this server (routing, headers, latency pacing, faults); the Anthropic wire
 * itself is covered in depth by the Anthropic tests.
 */
class SimulatorAnthropicSmokeTest {
    private static ProviderSimulator sim;
    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.builder().seed(3)
                .latency("claude-sonnet-*", LatencyModel.parse("ttft_ms=40,tps=2000")).build());
        client = AnthropicOkHttpClient.builder().baseUrl(sim.anthropicBaseUrl()).apiKey("sk-ant-test").maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        sim.close();
    }

    private static MessageCreateParams.Builder ask() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(200).addUserMessage("Tell me about gardens.");
    }

    @Test
    void messagesAndStreamingAgreeThroughTheServer() {
        sim.resetStats();
        long start = System.nanoTime();
        Message message = client.messages().create(ask().build());
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(40_000_000L);
        String text = message.content().stream().flatMap(b -> b.text().stream()).map(TextBlock::text).collect(Collectors.joining());
        assertThat(text).isNotBlank();
        assertThat(message.usage().outputTokens()).isPositive();

        List<RawMessageStreamEvent> events;
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ask().build())) {
            events = stream.stream().toList();
        }
        String streamed = events.stream().flatMap(e -> e.contentBlockDelta().stream())
                .flatMap(d -> d.delta().text().stream()).map(t -> t.text()).collect(Collectors.joining());
        assertThat(streamed).isEqualTo(text);
        assertThat(events.getLast().isMessageStop()).isTrue();
        assertThat(sim.stats().byPath()).containsEntry("/v1/messages", 2L);
    }

    @Test
    void faultsSurfaceAsTheSdksExceptions() {
        assertThatThrownBy(() -> client.messages().create(ask().putAdditionalHeader("x-sim-fault", "status:529").build()))
                .isInstanceOf(OverloadedException.class);
        assertThatThrownBy(() -> client.messages().create(ask().putAdditionalHeader("x-sim-fault", "status:429").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.headers().values("retry-after")).containsExactly("1");
                    assertThat(e.headers().values("anthropic-ratelimit-requests-remaining")).containsExactly("0");
                });
    }
}
