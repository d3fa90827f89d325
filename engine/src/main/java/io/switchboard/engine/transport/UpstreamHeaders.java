package io.switchboard.engine.transport;

import io.switchboard.core.chain.Call;
import io.switchboard.engine.config.ProviderConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The headers of an upstream request: the provider's own auth (never the client's gateway key, which
 * is not even in the {@link Call}), plus the few client headers each API defines. {@code x-sim-*}
 * headers pass through so tests can script simulator faults.
 */
final class UpstreamHeaders {
    /** Anthropic requires a version; this is the one its SDKs send. */
    static final String ANTHROPIC_VERSION = "2023-06-01";
    static final String USER_AGENT = "switchboard/0.1";

    private static final Set<String> OPENAI_FORWARDED = Set.of("openai-organization", "openai-project", "openai-beta");
    private static final Set<String> ANTHROPIC_FORWARDED = Set.of("anthropic-beta");
    private static final Set<String> ALWAYS_FORWARDED = Set.of("idempotency-key");

    private UpstreamHeaders() {}

    static Map<String, String> of(Call call, ProviderConfig provider, boolean hasBody) {
        Map<String, String> h = new LinkedHashMap<>();
        if (hasBody) h.put("content-type", "application/json");
        h.put("user-agent", USER_AGENT);
        if (provider.isOpenAi()) {
            if (provider.apiKey() != null) h.put("authorization", "Bearer " + provider.apiKey().reveal());
        } else {
            if (provider.apiKey() != null) h.put("x-api-key", provider.apiKey().reveal());
            String version = call.header("anthropic-version");
            h.put("anthropic-version", version == null ? ANTHROPIC_VERSION : version);
        }
        Set<String> own = provider.isOpenAi() ? OPENAI_FORWARDED : ANTHROPIC_FORWARDED;
        call.headers().forEach((name, value) -> {
            if (own.contains(name) || ALWAYS_FORWARDED.contains(name) || name.startsWith("x-sim-")) h.put(name, value);
        });
        return h;
    }
}
