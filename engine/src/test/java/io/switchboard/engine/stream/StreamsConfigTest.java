package io.switchboard.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.engine.config.ConfigException;
import io.switchboard.engine.config.GatewayConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamsConfigTest {
    private static final String PROVIDERS = """
            providers:
              openai: { base_url: http://127.0.0.1:9090/v1, api_key: sk-test }
            """;

    @Test
    void withoutASectionTheDefaultsApply() {
        GatewayConfig config = GatewayConfig.parse(PROVIDERS, "gw.yaml", Map.of());
        assertThat(config.streams()).isEqualTo(StreamsConfig.DEFAULTS);
        assertThat(config.streams().recovery().enabled()).isTrue();
        assertThat(config.streams().durable()).isFalse();
    }

    @Test
    void theSectionIsRead() {
        GatewayConfig config = GatewayConfig.parse(PROVIDERS + """
                streams:
                  journal: { max_streams: 50, max_bytes: 1048576, max_stream_bytes: 65536, ttl_s: 120, store: sqlite }
                  recovery: { enabled: true, max_attempts: 5, responses_background: false, stall_timeout_ms: 2500 }
                """, "gw.yaml", Map.of());
        StreamsConfig s = config.streams();
        assertThat(s.journal()).isEqualTo(new JournalLimits(50, 1048576, 65536, Duration.ofSeconds(120)));
        assertThat(s.durable()).isTrue();
        assertThat(s.recovery()).isEqualTo(new RecoverySettings(true, 5, false, Duration.ofMillis(2500)));
        assertThat(config.toBuilder().build().streams()).isEqualTo(s);
        assertThat(config.withMasterKey(null).streams()).isEqualTo(s);
    }

    @Test
    void badValuesNameTheLineAndTheField() {
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + """
                streams:
                  journal:
                    ttl_minutes: 5
                """, "gw.yaml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gw.yaml").hasMessageContaining("line 5")
                .hasMessageContaining("ttl_minutes");
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + "streams: { journal: { store: redis } }\n", "gw.yaml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("store must be memory or sqlite");
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + "streams: { journal: { max_bytes: 2048, max_stream_bytes: 4096 } }\n",
                "gw.yaml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_bytes");
        assertThatThrownBy(() -> GatewayConfig.parse(PROVIDERS + "streams: { recovery: { enabled: yes please } }\n", "gw.yaml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("enabled must be true or false");
    }
}
