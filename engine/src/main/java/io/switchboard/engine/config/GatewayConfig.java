package io.switchboard.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine and the gateway need to start, immutable and validated. Three ways to get one:
 * {@link #load} a YAML file, {@link #fromEnvironment} (the providers' SDK variables), or
 * {@link #withSimulator} (no keys at all: a local simulator serves both providers).
 *
 * <pre>{@code
 * providers:
 *   openai:    { base_url: http://127.0.0.1:9090/v1, api_key_env: OPENAI_API_KEY }
 *   anthropic: { base_url: http://127.0.0.1:9090,    api_key_env: ANTHROPIC_API_KEY }
 * routes:
 *   default:
 *     targets:
 *       - { provider: openai,    model: gpt-4o-mini }
 *       - { provider: anthropic, model: claude-haiku-4-5 }
 * server:   { host: 127.0.0.1, port: 8080, max_body_bytes: 8388608 }
 * upstream: { http2: true, max_connections_per_host: 512, connect_timeout_ms: 5000 }
 * master_key_env: SWITCHBOARD_MASTER_KEY
 * }</pre>
 *
 * @param masterKeyEnv the variable the gateway key was read from; null when none is configured
 * @param masterKey    the key clients must present to the gateway; null = the gateway is open
 * @param resilience   routing and storm control (the {@code resilience:} section and per-route keys; docs/routing.md)
 * @param billing      budgets, pricing and over-budget behaviour (the {@code budgets:} / {@code pricing:} sections; docs/cost.md)
 * @param streams      the stream journal and stream recovery (the {@code streams:} section; docs/streams.md)
 */
public record GatewayConfig(ServerConfig server, UpstreamConfig upstream, Map<String, ProviderConfig> providers,
                            Map<String, RouteConfig> routes, String masterKeyEnv, Secret masterKey,
                            ResilienceConfig resilience, io.switchboard.engine.billing.BillingConfig billing,
                            io.switchboard.engine.stream.StreamsConfig streams) {

    public static final String DEFAULT_ROUTE = "default";
    public static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
    public static final String DEFAULT_ANTHROPIC_MODEL = "claude-haiku-4-5";
    /** The key sent to a simulator, which accepts any non-empty key. */
    public static final String SIMULATOR_KEY = "sim-key";
    public static final String MASTER_KEY_ENV = "SWITCHBOARD_MASTER_KEY";

    public GatewayConfig {
        server = server == null ? ServerConfig.DEFAULTS : server;
        upstream = upstream == null ? UpstreamConfig.DEFAULTS : upstream;
        resilience = resilience == null ? ResilienceConfig.DEFAULTS : resilience;
        billing = billing == null ? io.switchboard.engine.billing.BillingConfig.DEFAULTS : billing;
        streams = streams == null ? io.switchboard.engine.stream.StreamsConfig.DEFAULTS : streams;
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        if (providers.isEmpty()) throw new IllegalArgumentException("at least one provider must be configured");
        for (RouteConfig route : routes.values()) {
            for (TargetConfig t : route.targets()) {
                if (!providers.containsKey(t.provider())) {
                    throw new IllegalArgumentException("route " + route.name() + " names unknown provider " + t.provider());
                }
            }
        }
    }

    /** Without a {@code resilience} section (its defaults apply). */
    public GatewayConfig(ServerConfig server, UpstreamConfig upstream, Map<String, ProviderConfig> providers,
                         Map<String, RouteConfig> routes, String masterKeyEnv, Secret masterKey) {
        this(server, upstream, providers, routes, masterKeyEnv, masterKey, null);
    }

    /** Without {@code budgets} / {@code pricing} sections (docs/cost.md: their defaults apply). */
    public GatewayConfig(ServerConfig server, UpstreamConfig upstream, Map<String, ProviderConfig> providers,
                         Map<String, RouteConfig> routes, String masterKeyEnv, Secret masterKey, ResilienceConfig resilience) {
        this(server, upstream, providers, routes, masterKeyEnv, masterKey, resilience, null);
    }

    /** Without a {@code streams} section (docs/streams.md: its defaults apply). */
    public GatewayConfig(ServerConfig server, UpstreamConfig upstream, Map<String, ProviderConfig> providers,
                         Map<String, RouteConfig> routes, String masterKeyEnv, Secret masterKey, ResilienceConfig resilience,
                         io.switchboard.engine.billing.BillingConfig billing) {
        this(server, upstream, providers, routes, masterKeyEnv, masterKey, resilience, billing, null);
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder().server(server).upstream(upstream).masterKey(masterKeyEnv, masterKey).resilience(resilience)
                .billing(billing).streams(streams);
        providers.values().forEach(b::provider);
        routes.values().forEach(b::route);
        return b;
    }

    /** Reads and validates a YAML file; {@code env} resolves the {@code *_env} references. */
    public static GatewayConfig load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), -1, "cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.getFileName().toString(), env);
    }

    /** Parses YAML text; errors name {@code sourceName} and the line. */
    public static GatewayConfig parse(String yaml, String sourceName, Map<String, String> env) {
        return new YamlConfigReader(sourceName, env).read(yaml);
    }

    /** Whether {@code env} holds a key for at least one provider, so {@link #fromEnvironment} can be used. */
    public static boolean hasProviderKey(Map<String, String> env) {
        return nonBlank(env.get("OPENAI_API_KEY")) || nonBlank(env.get("ANTHROPIC_API_KEY"));
    }

    /**
     * A config from the official SDKs' variables: {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL},
     * {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL}, plus {@code SWITCHBOARD_MASTER_KEY} for the
     * gateway's own key. Each provider with a key is configured; the {@code default} route tries OpenAI
     * first when its key is set.
     *
     * @throws ConfigException when neither provider key is set
     */
    public static GatewayConfig fromEnvironment(Map<String, String> env) {
        if (!hasProviderKey(env)) throw new ConfigException("set OPENAI_API_KEY or ANTHROPIC_API_KEY, or give a config file");
        Builder b = builder().masterKey(MASTER_KEY_ENV, Secret.ofNullable(env.get(MASTER_KEY_ENV)));
        RouteConfig.Builder route = RouteConfig.builder(DEFAULT_ROUTE);
        if (nonBlank(env.get("OPENAI_API_KEY"))) {
            b.provider(ProviderConfig.builder(ProviderConfig.OPENAI)
                    .baseUrl(orDefault(env.get("OPENAI_BASE_URL"), "https://api.openai.com/v1"))
                    .apiKeyEnv("OPENAI_API_KEY").apiKey(env.get("OPENAI_API_KEY")).build());
            route.target(ProviderConfig.OPENAI, DEFAULT_OPENAI_MODEL);
        }
        if (nonBlank(env.get("ANTHROPIC_API_KEY"))) {
            b.provider(ProviderConfig.builder(ProviderConfig.ANTHROPIC)
                    .baseUrl(orDefault(env.get("ANTHROPIC_BASE_URL"), "https://api.anthropic.com"))
                    .apiKeyEnv("ANTHROPIC_API_KEY").apiKey(env.get("ANTHROPIC_API_KEY")).build());
            route.target(ProviderConfig.ANTHROPIC, DEFAULT_ANTHROPIC_MODEL);
        }
        return b.route(route.build()).build();
    }

    /**
     * Both providers served by a simulator, with the placeholder key {@value #SIMULATOR_KEY}, and the
     * {@code default} route: {@value #DEFAULT_OPENAI_MODEL}, then {@value #DEFAULT_ANTHROPIC_MODEL}.
     */
    public static GatewayConfig withSimulator(String openAiBaseUrl, String anthropicBaseUrl) {
        return builder()
                .provider(ProviderConfig.builder(ProviderConfig.OPENAI).baseUrl(openAiBaseUrl).apiKey(SIMULATOR_KEY).build())
                .provider(ProviderConfig.builder(ProviderConfig.ANTHROPIC).baseUrl(anthropicBaseUrl).apiKey(SIMULATOR_KEY).build())
                .route(RouteConfig.builder(DEFAULT_ROUTE)
                        .target(ProviderConfig.OPENAI, DEFAULT_OPENAI_MODEL)
                        .target(ProviderConfig.ANTHROPIC, DEFAULT_ANTHROPIC_MODEL).build())
                .build();
    }

    /** The same config with a different master key (e.g. one given on the command line). */
    public GatewayConfig withMasterKey(Secret key) {
        return new GatewayConfig(server, upstream, providers, routes, masterKeyEnv, key, resilience, billing, streams);
    }

    private static boolean nonBlank(String s) { return s != null && !s.isBlank(); }

    private static String orDefault(String v, String fallback) { return nonBlank(v) ? v.strip() : fallback; }

    public static final class Builder {
        private ServerConfig server = ServerConfig.DEFAULTS;
        private UpstreamConfig upstream = UpstreamConfig.DEFAULTS;
        private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        private final Map<String, RouteConfig> routes = new LinkedHashMap<>();
        private String masterKeyEnv;
        private Secret masterKey;
        private ResilienceConfig resilience;
        private io.switchboard.engine.billing.BillingConfig billing;
        private io.switchboard.engine.stream.StreamsConfig streams;

        public Builder server(ServerConfig v) { server = Objects.requireNonNull(v); return this; }
        public Builder upstream(UpstreamConfig v) { upstream = Objects.requireNonNull(v); return this; }
        public Builder provider(ProviderConfig p) { providers.put(p.name(), p); return this; }
        public Builder route(RouteConfig r) { routes.put(r.name(), r); return this; }
        public Builder masterKey(String fromEnv, Secret key) { masterKeyEnv = fromEnv; masterKey = key; return this; }
        public Builder masterKey(Secret key) { masterKey = key; return this; }
        /** Routing and storm control; null = defaults. */
        public Builder resilience(ResilienceConfig v) { resilience = v; return this; }
        /** Budgets and pricing (docs/cost.md); null = defaults. */
        public Builder billing(io.switchboard.engine.billing.BillingConfig v) { billing = v; return this; }
        /** Stream journal and recovery (docs/streams.md); null = defaults. */
        public Builder streams(io.switchboard.engine.stream.StreamsConfig v) { streams = v; return this; }

        public GatewayConfig build() {
            return new GatewayConfig(server, upstream, providers, routes, masterKeyEnv, masterKey, resilience, billing, streams);
        }
    }
}
