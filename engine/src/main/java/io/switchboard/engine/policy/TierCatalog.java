package io.switchboard.engine.policy;

import io.switchboard.core.chain.Call;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.config.UpstreamConfig;
import io.switchboard.engine.resilience.TimeoutTier;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds the timeout tier of a call. The route policy settles the tier once per request (route, client
 * header, error-budget posture) and records it in the call's {@value #HEADER} header, so every attempt below
 * uses the same one. Without a configured default the tier is made from the {@code upstream:} timeouts, so a
 * gateway with no {@code resilience} section behaves as before.
 */
public final class TierCatalog {
    /** Request header a client may use to ask for a tier; also how the route policy passes the tier down. */
    public static final String HEADER = "x-switchboard-tier";
    public static final String UPSTREAM_TIER = "default";

    private final GatewayConfig config;
    private final TimeoutTier defaultTier;

    public TierCatalog(GatewayConfig config) {
        this.config = config;
        String name = config.resilience().defaultTier();
        this.defaultTier = name == null ? fromUpstream(config.upstream()) : config.resilience().tier(name).orElseThrow();
    }

    public TimeoutTier defaultTier() { return defaultTier; }

    /** A tier by name, the upstream-derived {@value #UPSTREAM_TIER} included. */
    public Optional<TimeoutTier> named(String name) {
        if (name == null) return Optional.empty();
        if (name.equals(defaultTier.name())) return Optional.of(defaultTier);
        return config.resilience().tier(name);
    }

    /** The tier recorded in the call, or the default one. */
    public TimeoutTier of(Call call) {
        return named(call.header(HEADER)).orElse(defaultTier);
    }

    private static TimeoutTier fromUpstream(UpstreamConfig u) {
        Duration total = Duration.ofMillis(u.requestTimeoutMs());
        return TimeoutTier.builder(UPSTREAM_TIER).connect(min(Duration.ofMillis(u.connectTimeoutMs()), total))
                .firstByte(min(Duration.ofMillis(u.idleTimeoutMs()), total)).idle(min(Duration.ofMillis(u.idleTimeoutMs()), total))
                .total(total).build();
    }

    private static Duration min(Duration a, Duration b) { return a.compareTo(b) <= 0 ? a : b; }
}
