package io.switchboard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatewayConfigTest {
    private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-openai-secret", "ANTHROPIC_API_KEY", "sk-ant-secret",
            "GW_KEY", "sk-gw");

    private static final String GOOD = """
            providers:
              openai:    { base_url: http://127.0.0.1:9090/v1, api_key_env: OPENAI_API_KEY }
              anthropic: { base_url: http://127.0.0.1:9090,    api_key_env: ANTHROPIC_API_KEY }
              eu:
                type: openai
                base_url: https://eu.example.com/v1
                api_key: literal-key
            routes:
              default:
                targets:
                  - { provider: openai,    model: gpt-4o-mini }
                  - { provider: anthropic, model: claude-haiku-4-5 }
            server: { host: 0.0.0.0, port: 9000, max_body_bytes: 1024 }
            upstream: { http2: false, max_connections_per_host: 64, connect_timeout_ms: 250 }
            master_key_env: GW_KEY
            """;

    @Test
    void readsEverySection() {
        GatewayConfig c = GatewayConfig.parse(GOOD, "gw.yaml", ENV);

        assertThat(c.providers()).containsOnlyKeys("openai", "anthropic", "eu");
        assertThat(c.providers().get("openai").apiKey().reveal()).isEqualTo("sk-openai-secret");
        assertThat(c.providers().get("eu").kind()).isEqualTo("openai");
        assertThat(c.providers().get("eu").apiKey().reveal()).isEqualTo("literal-key");
        assertThat(c.providers().get("anthropic").baseUrl().toString()).isEqualTo("http://127.0.0.1:9090");
        assertThat(c.routes().get("default").targets()).containsExactly(
                TargetConfig.of("openai", "gpt-4o-mini"), TargetConfig.of("anthropic", "claude-haiku-4-5"));
        assertThat(c.server()).isEqualTo(new ServerConfig("0.0.0.0", 9000, 1024));
        assertThat(c.upstream().http2()).isFalse();
        assertThat(c.upstream().maxConnectionsPerHost()).isEqualTo(64);
        assertThat(c.upstream().connectTimeoutMs()).isEqualTo(250);
        assertThat(c.upstream().idleTimeoutMs()).isEqualTo(UpstreamConfig.DEFAULTS.idleTimeoutMs());
        assertThat(c.masterKey().reveal()).isEqualTo("sk-gw");
    }

    @Test
    void secretsNeverShowInToString() {
        String printed = GatewayConfig.parse(GOOD, "gw.yaml", ENV).toString();
        assertThat(printed).doesNotContain("sk-openai-secret", "sk-ant-secret", "literal-key", "sk-gw").contains("****");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("openai:    { base_url: http://127.0.0.1:9090/v1", "openai:    { base_url: ftp://x/v1", 2,
                        "base_url must be an absolute http(s) URL"),
                Arguments.of("- { provider: anthropic,", "- { provider: antropic,", 12, "unknown provider 'antropic'"),
                Arguments.of("port: 9000", "port: 99999", 13, "port must be an integer from 0 to 65535"),
                Arguments.of("http2: false", "http2: 'no'", 14, "http2 must be true or false"),
                Arguments.of("master_key_env: GW_KEY", "master_kee_env: GW_KEY", 15, "unknown key 'master_kee_env'"),
                Arguments.of("api_key: literal-key", "api_key: literal-key\n    timeout: 3", 8, "unknown key 'timeout'"),
                Arguments.of("type: openai", "type: azure", 5, "type must be openai or anthropic"),
                Arguments.of("{ provider: openai,    model: gpt-4o-mini }", "{ provider: openai }", 11, "missing required key 'model'"));
    }

    @ParameterizedTest(name = "line {2}: {3}")
    @MethodSource("badValues")
    void reportsTheLineOfTheBadValue(String good, String bad, int line, String message) {
        String yaml = GOOD.replace(good, bad);
        assertThat(yaml).isNotEqualTo(GOOD);
        assertThatThrownBy(() -> GatewayConfig.parse(yaml, "gw.yaml", ENV))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.line()).isEqualTo(line))
                .hasMessageContaining("gw.yaml line " + line + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void reportsSyntaxErrorsAndMissingVariablesWithTheirLine() {
        assertThatThrownBy(() -> GatewayConfig.parse("providers:\n  openai: { base_url: [\n", "x.yaml", ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("x.yaml line ").hasMessageContaining("invalid YAML");
        assertThatThrownBy(() -> GatewayConfig.parse(GOOD, "gw.yaml", Map.of("ANTHROPIC_API_KEY", "k")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("OPENAI_API_KEY is not set");
        assertThatThrownBy(() -> GatewayConfig.parse("routes: {}\n", "x.yaml", ENV))
                .hasMessageContaining("providers must be a mapping");
        assertThatThrownBy(() -> GatewayConfig.parse("providers:\n  openai: { base_url: http://a/v1 }\n  openai: { base_url: http://b/v1 }\n", "x.yaml", ENV))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("Duplicate field 'openai'");
    }

    @Test
    void fromEnvironmentFollowsTheSdkVariables() {
        GatewayConfig both = GatewayConfig.fromEnvironment(Map.of("OPENAI_API_KEY", "k1", "ANTHROPIC_API_KEY", "k2",
                "ANTHROPIC_BASE_URL", "http://localhost:1234"));
        assertThat(both.providers().get("openai").baseUrl().toString()).isEqualTo("https://api.openai.com/v1");
        assertThat(both.providers().get("anthropic").baseUrl().toString()).isEqualTo("http://localhost:1234");
        assertThat(both.routes().get("default").targets()).extracting(TargetConfig::provider).containsExactly("openai", "anthropic");
        assertThat(both.masterKey()).isNull();

        GatewayConfig anthropicOnly = GatewayConfig.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "k2", "SWITCHBOARD_MASTER_KEY", "gw"));
        assertThat(anthropicOnly.providers()).containsOnlyKeys("anthropic");
        assertThat(anthropicOnly.routes().get("default").targets()).containsExactly(TargetConfig.of("anthropic", "claude-haiku-4-5"));
        assertThat(anthropicOnly.masterKey().reveal()).isEqualTo("gw");

        assertThatThrownBy(() -> GatewayConfig.fromEnvironment(Map.of())).isInstanceOf(ConfigException.class);
    }

    @Test
    void withSimulatorServesBothProvidersWithAPlaceholderKey() {
        GatewayConfig c = GatewayConfig.withSimulator("http://127.0.0.1:7/v1", "http://127.0.0.1:7");
        assertThat(c.providers().values()).allSatisfy(p -> assertThat(p.apiKey().reveal()).isEqualTo(GatewayConfig.SIMULATOR_KEY));
        assertThat(c.routes().get("default").targets()).containsExactly(
                TargetConfig.of("openai", "gpt-4o-mini"), TargetConfig.of("anthropic", "claude-haiku-4-5"));
    }

    @Test
    void buildersRejectBadValuesOnTheSpot() {
        assertThatThrownBy(() -> UpstreamConfig.builder().maxConnectionsPerHost(0).build()).hasMessageContaining("max_connections_per_host");
        assertThatThrownBy(() -> RouteConfig.builder("r").build()).hasMessageContaining("at least one target");
        assertThatThrownBy(() -> GatewayConfig.builder()
                .provider(ProviderConfig.builder("openai").baseUrl("http://a/v1").build())
                .route(RouteConfig.builder("r").target("nope", "m").build()).build())
                .hasMessageContaining("unknown provider nope");
    }
}
