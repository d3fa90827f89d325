package io.switchboard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.chain.Target;
import io.switchboard.engine.resilience.Posture;
import io.switchboard.engine.resilience.RateLimitConfig;
import io.switchboard.engine.resilience.TargetBreakerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code resilience:} section and the routing keys of routes, including the example of docs/routing.md. */
class ResilienceConfigTest {
    private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-o", "ANTHROPIC_API_KEY", "sk-a");
    private static final String PROVIDERS = """
            providers:
              openai:    { base_url: "http://127.0.0.1:9/v1", api_key: k }
              anthropic: { base_url: "http://127.0.0.1:9", api_key: k }
            """;

    private static String docsExample() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "routing.md"));
        int start = doc.indexOf("```yaml", doc.indexOf("## Example")) + "```yaml".length();
        return doc.substring(start, doc.indexOf("```", start));
    }

    @Test
    void theDocumentedExampleParsesWithEverythingInIt() throws IOException {
        GatewayConfig c = GatewayConfig.parse(docsExample(), "routing.md", ENV);
        ResilienceConfig r = c.resilience();
        RouteSettings chat = r.route("chat");
        assertThat(chat.tier()).isEqualTo("interactive");
        assertThat(chat.fallbackOn()).containsExactlyInAnyOrder(FallbackTrigger.values());
        assertThat(chat.spill().ratio()).isEqualTo(0.3);
        assertThat(chat.contextFallback()).isTrue();
        assertThat(chat.retry().maxRetries()).isEqualTo(1);
        assertThat(chat.slo().availabilityObjective()).isEqualTo(0.995);
        assertThat(chat.slo().threshold(Posture.FASTER_TIER)).isEqualTo(14.4);
        assertThat(chat.target(0)).isEqualTo(new RouteTargetSettings(1, 3, 128_000));
        assertThat(chat.target(2).priority()).isEqualTo(2);
        assertThat(r.tier("interactive").orElseThrow().firstByte()).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.tier("batch").orElseThrow().total()).isEqualTo(Duration.ofMinutes(15));
        assertThat(r.defaultTier()).isEqualTo("standard");

        TargetSettings haiku = r.target(new Target("anthropic", "claude-haiku-4-5"));
        assertThat(haiku.maxConcurrent()).isEqualTo(64);
        assertThat(haiku.rateLimit().onLimit()).isEqualTo(RateLimitConfig.OnLimit.FALLBACK);
        assertThat(haiku.breaker().waitInOpen()).as("inherited from default").isEqualTo(Duration.ofSeconds(30));
        TargetSettings mini = r.target(new Target("openai", "gpt-4o-mini"));
        assertThat(mini.rateLimit().tokensPerMinute()).isEqualTo(2_000_000);
        assertThat(mini.maxConcurrent()).isEqualTo(256);
        assertThat(mini.breaker().windowType()).isEqualTo(TargetBreakerConfig.WindowType.CALLS);
        assertThat(r.idempotency().ttl()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void withoutTheSectionTheDefaultsKeepTheOldBehaviour() {
        GatewayConfig c = GatewayConfig.parse(PROVIDERS + "routes:\n  d:\n    targets: [ { provider: openai, model: gpt-4o } ]\n", "t.yaml", ENV);
        RouteSettings d = c.resilience().route("d");
        assertThat(d.retry().maxRetries()).isZero();
        assertThat(d.spillUncapped()).isTrue();
        assertThat(d.fallbackOn()).containsExactlyInAnyOrder(FallbackTrigger.values());
        assertThat(c.resilience().target(new Target("openai", "gpt-4o")).breaker()).isEqualTo(TargetBreakerConfig.defaults());
    }

    @Test
    void mistakesNameTheLineAndTheField() {
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + """
                routes:
                  r:
                    fallback_on: [timeout, 418]
                    targets: [ { provider: openai, model: gpt-4o } ]
                """, "t.yaml", ENV)).isInstanceOf(ConfigException.class).hasMessageContaining("line 6")
                .hasMessageContaining("unknown fallback trigger 418");
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + """
                routes:
                  r:
                    tier: warp
                    targets: [ { provider: openai, model: gpt-4o } ]
                """, "t.yaml", ENV)).hasMessageContaining("unknown timeout tier 'warp'");
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + """
                resilience:
                  tiers:
                    quick: { connect: 2s, first_byte: soon, total: 5s }
                """, "t.yaml", ENV)).hasMessageContaining("line 6").hasMessageContaining("first_byte must be a positive duration");
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + """
                resilience:
                  tiers:
                    quick: { first_byte: 10s, total: 5s }
                """, "t.yaml", ENV)).hasMessageContaining("exceeds total");
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + """
                resilience:
                  targets:
                    azure/gpt-4o: { max_concurrent: 3 }
                """, "t.yaml", ENV)).hasMessageContaining("must be default, a provider name or provider/model");
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + """
                resilience:
                  targets:
                    default: { breaker: { failure_rate: 50, open: 3s } }
                """, "t.yaml", ENV)).hasMessageContaining("unknown key 'open'");
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + """
                routes:
                  r:
                    targets: [ { provider: openai, model: gpt-4o, weight: 0 } ]
                """, "t.yaml", ENV)).hasMessageContaining("weight must be an integer from 1");
    }
}
