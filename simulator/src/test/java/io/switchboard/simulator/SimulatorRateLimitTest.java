package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorRateLimitTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void requestWindowRefusesThenResetsAfterAMinute() {
        RateLimiter limiter = new RateLimiter(List.of(new RateLimitRule(Provider.OPENAI, Glob.of("gpt-4o*"), 2, 0)), clock);
        assertThat(limiter.admit(Provider.OPENAI, "gpt-4o", 10).requestsRemaining()).isEqualTo(1);
        assertThat(limiter.admit(Provider.OPENAI, "gpt-4o", 10).admitted()).isTrue();
        clock.advance(Duration.ofSeconds(20));
        RateLimitState refused = limiter.admit(Provider.OPENAI, "gpt-4o", 10);
        assertThat(refused.exceeded()).isEqualTo("requests");
        assertThat(refused.resetIn()).isEqualTo(Duration.ofSeconds(40));
        assertThat(refused.retryAfterSeconds()).isEqualTo(40);
        // Each model has its own window; other providers and models are not limited.
        assertThat(limiter.admit(Provider.OPENAI, "gpt-4o-mini", 10).admitted()).isTrue();
        assertThat(limiter.admit(Provider.ANTHROPIC, "gpt-4o", 10).admitted()).isTrue();
        clock.advance(Duration.ofSeconds(40));
        assertThat(limiter.admit(Provider.OPENAI, "gpt-4o", 10).admitted()).isTrue();
    }

    @Test
    void tokenWindowCountsEstimatesAndRefusalsConsumeNothing() {
        RateLimiter limiter = new RateLimiter(List.of(new RateLimitRule(null, Glob.of("*"), 0, 1000)), clock);
        assertThat(limiter.admit(Provider.ANTHROPIC, "claude-haiku-4-5", 600).tokensRemaining()).isEqualTo(400);
        RateLimitState refused = limiter.admit(Provider.ANTHROPIC, "claude-haiku-4-5", 500);
        assertThat(refused.exceeded()).isEqualTo("tokens");
        assertThat(refused.tokensRemaining()).isEqualTo(400);
        assertThat(limiter.admit(Provider.ANTHROPIC, "claude-haiku-4-5", 400).admitted()).isTrue();
    }

    @Test
    void unlimitedModelsNeverReportAnEmptyWindowTheyWouldServeAnyway() {
        RateLimiter limiter = new RateLimiter(List.of(), clock);
        RateLimitState last = null;
        for (int i = 0; i < 50_000; i++) last = limiter.admit(Provider.OPENAI, "gpt-4o-mini", 100);
        assertThat(last.admitted()).isTrue();
        assertThat(last.requestsRemaining()).isGreaterThan(0);
        assertThat(last.tokensRemaining()).isGreaterThan(0);
    }

    @Test
    void headersUseEachProvidersFormat() {
        RateLimiter limiter = new RateLimiter(List.of(new RateLimitRule(null, Glob.of("*"), 60, 150_000)), clock);
        RateLimitState s = limiter.admit(Provider.OPENAI, "gpt-4o", 16);
        Map<String, String> openAi = new HashMap<>();
        RateLimitHeaders.openAi(s, (name, value) -> openAi.put(name.toString(), value.toString()));
        assertThat(openAi).containsEntry("x-ratelimit-limit-requests", "60")
                .containsEntry("x-ratelimit-remaining-requests", "59")
                .containsEntry("x-ratelimit-remaining-tokens", "149984")
                .containsEntry("x-ratelimit-reset-requests", "1m0s");
        Map<String, String> anthropic = new HashMap<>();
        RateLimitHeaders.anthropic(s, (name, value) -> anthropic.put(name.toString(), value.toString()));
        assertThat(anthropic).containsEntry("anthropic-ratelimit-requests-reset", "2025-01-01T00:01:00Z")
                .containsEntry("anthropic-ratelimit-tokens-remaining", "150000")
                .containsEntry("anthropic-ratelimit-output-tokens-limit", "150000");
    }

    @Test
    void goDurationsLookLikeGos() {
        assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(20))).isEqualTo("20ms");
        assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(RateLimitHeaders.goDuration(Duration.ofMinutes(6))).isEqualTo("6m0s");
        assertThat(RateLimitHeaders.goDuration(Duration.ofSeconds(3723))).isEqualTo("1h2m3s");
        assertThat(RateLimitHeaders.goDuration(Duration.ZERO)).isEqualTo("0s");
        assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(61_250))).isEqualTo("1m1.25s");
        assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(1_005))).isEqualTo("1.005s");
        assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(2_050))).isEqualTo("2.05s");
        assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(59_207))).isEqualTo("59.207s");
        assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(7_200_001))).isEqualTo("2h0m0.001s");
    }
}
