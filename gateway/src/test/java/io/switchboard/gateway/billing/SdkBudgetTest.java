package io.switchboard.gateway.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.SpendRecord;
import io.switchboard.core.model.Usage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official SDKs with a virtual key: billed from what they are told, refused without retrying. */
class SdkBudgetTest {
    @TempDir
    Path dir;
    BillingGateway gw;
    String id;
    String key;

    @BeforeEach
    void start() {
        gw = new BillingGateway(dir);
        var created = Http.send("POST", gw.url("/admin/keys"), "{\"name\":\"sdk\",\"budgets\":[{\"usd\":0.001,\"period\":\"day\"}]}",
                "authorization", Http.bearer(BillingGateway.MASTER)).json();
        id = created.path("id").asText();
        key = created.path("key").asText();
        gw.server.simulator().resetStats();
    }

    @AfterEach
    void stop() { gw.close(); }

    private List<SpendRecord> ledger() {
        gw.billing.flush().join();
        return gw.billing.ledger().records(id, Instant.EPOCH, Instant.MAX);
    }

    @Test
    void theOpenAiSdkIsBilledExactlyAndARefusalIsNotRetried() {
        OpenAIClient openAi = OpenAIOkHttpClient.builder().baseUrl(gw.server.openAiBaseUrl()).apiKey(key).maxRetries(2).build();
        try {
            ChatCompletion done = openAi.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                    .maxCompletionTokens(100).addUserMessage("Hello").build());
            var usage = done.usage().orElseThrow();
            Money expected = gw.billing.catalog().cost("gpt-4o-mini", Usage.of(usage.promptTokens(), usage.completionTokens()), false).total();
            assertThat(ledger()).singleElement().satisfies(r -> assertThat(r.cost()).isEqualTo(expected));

            long before = gw.server.simulator().stats().total();
            var refused = catchThrowableOfType(com.openai.errors.RateLimitException.class, () -> openAi.chat().completions()
                    .create(ChatCompletionCreateParams.builder().model("gpt-4o").maxCompletionTokens(10_000).addUserMessage("Hello").build()));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().values("x-should-retry")).containsExactly("false");
            assertThat(gw.server.simulator().stats().total()).isEqualTo(before);
        } finally {
            openAi.close();
        }
    }

    @Test
    void anAnthropicStreamIsBilledFromItsFinalUsageAndARefusalIsAnAnthropicError() {
        AnthropicClient claude = AnthropicOkHttpClient.builder().baseUrl(gw.server.anthropicBaseUrl()).apiKey(key).maxRetries(2).build();
        try {
            long input = 0, output = 0;
            try (StreamResponse<RawMessageStreamEvent> stream = claude.messages().createStreaming(MessageCreateParams.builder()
                    .model("claude-haiku-4-5").maxTokens(100).addUserMessage("Hello").build())) {
                for (RawMessageStreamEvent e : (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
                    if (e.isMessageStart()) input = e.asMessageStart().message().usage().inputTokens();
                    if (e.isMessageDelta()) output = e.asMessageDelta().usage().outputTokens();
                }
            }
            Money expected = gw.billing.catalog().cost("claude-haiku-4-5", Usage.of(input, output), false).total();
            assertThat(output).isPositive();
            assertThat(ledger()).singleElement().satisfies(r -> {
                assertThat(r.cost()).isEqualTo(expected);
                assertThat(r.provider()).isEqualTo("anthropic");
            });

            long before = gw.server.simulator().stats().total();
            RateLimitException refused = catchThrowableOfType(RateLimitException.class, () -> claude.messages().create(
                    MessageCreateParams.builder().model("claude-opus-4-1").maxTokens(30_000).addUserMessage("Hello").build()));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.getMessage()).contains("budget exceeded");
            assertThat(gw.server.simulator().stats().total()).isEqualTo(before);
        } finally {
            claude.close();
        }
    }
}
