package io.switchboard.engine.config;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * One upstream provider account.
 *
 * @param name      the name routes refer to (e.g. {@code openai}, {@code openai-eu})
 * @param kind      which API it speaks: {@code openai} or {@code anthropic}
 * @param baseUrl   as the providers' SDKs spell it: OpenAI's includes {@code /v1}, Anthropic's does not
 * @param apiKeyEnv the environment variable the key was read from, for messages; may be null
 * @param apiKey    the key sent upstream; may be null for an upstream that needs none
 */
public record ProviderConfig(String name, String kind, URI baseUrl, String apiKeyEnv, Secret apiKey) {
    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    public static final Set<String> KINDS = Set.of(OPENAI, ANTHROPIC);

    public ProviderConfig {
        TargetConfig.requireText(name, "name");
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("provider type must be openai or anthropic, got " + kind);
        String scheme = baseUrl == null || baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("base_url must be an absolute http(s) URL, got " + baseUrl);
        }
    }

    public static Builder builder(String name) { return new Builder(name); }

    public boolean isOpenAi() { return kind.equals(OPENAI); }

    public static final class Builder {
        private final String name;
        private String kind, apiKeyEnv;
        private URI baseUrl;
        private Secret apiKey;

        private Builder(String name) {
            this.name = name;
            this.kind = KINDS.contains(name) ? name : null;
        }

        public Builder kind(String v) { kind = v; return this; }
        public Builder baseUrl(String v) { baseUrl = URI.create(v); return this; }
        public Builder apiKeyEnv(String v) { apiKeyEnv = v; return this; }
        public Builder apiKey(Secret v) { apiKey = v; return this; }
        public Builder apiKey(String v) { apiKey = Secret.ofNullable(v); return this; }
        public ProviderConfig build() { return new ProviderConfig(name, kind, baseUrl, apiKeyEnv, apiKey); }
    }
}
