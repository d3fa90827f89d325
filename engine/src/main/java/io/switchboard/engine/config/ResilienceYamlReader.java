package io.switchboard.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.engine.resilience.BackoffConfig;
import io.switchboard.engine.resilience.ErrorBudgetConfig;
import io.switchboard.engine.resilience.IdempotencyConfig;
import io.switchboard.engine.resilience.Posture;
import io.switchboard.engine.resilience.RateLimitConfig;
import io.switchboard.engine.resilience.RetryBudgetConfig;
import io.switchboard.engine.resilience.RetryConfig;
import io.switchboard.engine.resilience.TargetBreakerConfig;
import io.switchboard.engine.resilience.TimeoutTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the {@code resilience:} section and the routing keys of each {@code routes.<alias>} entry into a
 * {@link ResilienceConfig}. Every key is checked; errors carry the JSON Pointer of the field.
 */
final class ResilienceYamlReader {
    /** Keys a route may carry besides {@code targets}. */
    static final String[] ROUTE_KEYS = {"tier", "fallback_on", "max_spill", "spill_window", "min_spill_per_second",
            "context_fallback", "retries", "slo", "faster_tier"};
    /** Keys a route target may carry besides {@code provider} and {@code model}. */
    static final String[] TARGET_KEYS = {"priority", "weight", "context_window"};

    private final BiFunction<String, String, ConfigException> fail;

    ResilienceYamlReader(BiFunction<String, String, ConfigException> fail) { this.fail = fail; }

    /** {@code base} plus {@link #ROUTE_KEYS} (or {@link #TARGET_KEYS}), for the config reader's key checks. */
    static String[] with(String[] extra, String... base) {
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    ResilienceConfig read(JsonNode section, JsonNode routes, JsonNode providers) {
        YamlFields r = new YamlFields(section, "/resilience", fail);
        r.allow("tiers", "default_tier", "targets", "idempotency");
        Map<String, TimeoutTier> tiers = new LinkedHashMap<>();
        YamlFields tiersNode = r.child("tiers");
        if (tiersNode.node() != null) tiersNode.node().fieldNames().forEachRemaining(name -> tiers.put(name, tier(name, tiersNode.child(name))));
        Map<String, TargetSettings> targets = new LinkedHashMap<>();
        YamlFields targetsNode = r.child("targets");
        TargetSettings defaults = targetsNode.has(ResilienceConfig.DEFAULT_KEY)
                ? target(targetsNode.child(ResilienceConfig.DEFAULT_KEY), TargetSettings.DEFAULTS) : TargetSettings.DEFAULTS;
        targets.put(ResilienceConfig.DEFAULT_KEY, defaults);
        if (targetsNode.node() != null) {
            targetsNode.node().fieldNames().forEachRemaining(key -> {
                if (key.equals(ResilienceConfig.DEFAULT_KEY)) return;
                String provider = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
                if (providers == null || !providers.has(provider)) {
                    throw fail.apply(targetsNode.at(key), "'" + key + "' must be default, a provider name or provider/model");
                }
                targets.put(key, target(targetsNode.child(key), defaults));
            });
        }
        YamlFields idem = r.child("idempotency");
        idem.allow("ttl", "max_entries");
        IdempotencyConfig idempotency = idem.build(() -> IdempotencyConfig.builder()
                .ttl(idem.duration("ttl", IdempotencyConfig.defaults().ttl()))
                .maxEntries((int) idem.integer("max_entries", IdempotencyConfig.defaults().maxEntries(), 1, Integer.MAX_VALUE)).build());
        ResilienceConfig config = r.build(() -> new ResilienceConfig(tiers, r.text("default_tier", null), targets, Map.of(), idempotency));
        Map<String, RouteSettings> routeSettings = new LinkedHashMap<>();
        if (routes != null && routes.isObject()) {
            routes.fieldNames().forEachRemaining(alias -> routeSettings.put(alias,
                    route(new YamlFields(routes.get(alias), "/routes/" + alias.replace("~", "~0").replace("/", "~1"), fail), config)));
        }
        return config.withRoutes(routeSettings);
    }

    private TimeoutTier tier(String name, YamlFields t) {
        t.allow("connect", "first_byte", "idle", "total");
        TimeoutTier base = TimeoutTier.builder(name).build();
        return t.build(() -> TimeoutTier.builder(name).connect(t.duration("connect", base.connect()))
                .firstByte(t.duration("first_byte", base.firstByte())).idle(t.duration("idle", base.idle()))
                .total(t.duration("total", base.total())).build());
    }

    private TargetSettings target(YamlFields t, TargetSettings base) {
        t.allow("breaker", "rate_limit", "max_concurrent", "retry_budget");
        TargetSettings s = base.withMaxConcurrent((int) t.integer("max_concurrent", base.maxConcurrent(), 0, Integer.MAX_VALUE));
        if (t.has("breaker")) s = s.withBreaker(breaker(t.child("breaker"), base.breaker()));
        if (t.has("rate_limit")) s = s.withRateLimit(rateLimit(t.child("rate_limit")));
        if (t.has("retry_budget")) s = s.withRetryBudget(retryBudget(t.child("retry_budget")));
        return s;
    }

    private TargetBreakerConfig breaker(YamlFields b, TargetBreakerConfig base) {
        b.allow("enabled", "failure_rate", "slow_call_rate", "slow_call", "window_calls", "window", "min_calls", "open_for", "probes");
        if (!b.bool("enabled", true)) return null;
        TargetBreakerConfig d = base == null ? TargetBreakerConfig.defaults() : base;
        return b.build(() -> {
            TargetBreakerConfig.Builder x = TargetBreakerConfig.builder()
                    .failureRateThreshold((float) b.decimal("failure_rate", d.failureRateThreshold(), 0, 100))
                    .slowCallRateThreshold((float) b.decimal("slow_call_rate", d.slowCallRateThreshold(), 0, 100))
                    .slowCallDuration(b.duration("slow_call", d.slowCallDuration()))
                    .minimumCalls((int) b.integer("min_calls", d.minimumCalls(), 1, Integer.MAX_VALUE))
                    .waitInOpen(b.duration("open_for", d.waitInOpen()))
                    .probesInHalfOpen((int) b.integer("probes", d.probesInHalfOpen(), 1, Integer.MAX_VALUE));
            if (b.has("window")) x.timeWindow((int) Math.max(1, b.duration("window", null).toSeconds()));
            else if (d.windowType() == TargetBreakerConfig.WindowType.SECONDS && !b.has("window_calls")) x.timeWindow(d.windowSize());
            else x.countWindow((int) b.integer("window_calls", d.windowSize(), 1, Integer.MAX_VALUE));
            return x.build();
        });
    }

    private RateLimitConfig rateLimit(YamlFields l) {
        l.allow("requests_per_minute", "tokens_per_minute", "on_limit", "max_wait");
        String onLimit = l.text("on_limit", "wait").toLowerCase(Locale.ROOT);
        if (!onLimit.equals("wait") && !onLimit.equals("fallback")) throw fail.apply(l.at("on_limit"), "on_limit must be wait or fallback");
        return l.build(() -> RateLimitConfig.builder()
                .requestsPerMinute(l.integer("requests_per_minute", 0, 0, RateLimitConfig.MAX_PER_MINUTE))
                .tokensPerMinute(l.integer("tokens_per_minute", 0, 0, RateLimitConfig.MAX_PER_MINUTE))
                .onLimit(onLimit.equals("wait") ? RateLimitConfig.OnLimit.WAIT : RateLimitConfig.OnLimit.FALLBACK)
                .maxWait(l.duration("max_wait", Duration.ofSeconds(5))).build());
    }

    private RetryBudgetConfig retryBudget(YamlFields b) {
        b.allow("ratio", "min_per_second", "window");
        RetryBudgetConfig d = RetryBudgetConfig.defaults();
        return b.build(() -> RetryBudgetConfig.builder().ratio(b.decimal("ratio", d.ratio(), 0, 1))
                .minRetriesPerSecond(b.decimal("min_per_second", d.minRetriesPerSecond(), 0, 1e9))
                .window(b.duration("window", d.window())).build());
    }

    private RouteSettings route(YamlFields route, ResilienceConfig config) {
        RouteSettings d = RouteSettings.DEFAULTS;
        String tier = tierName(route, "tier", config);
        String faster = tierName(route, "faster_tier", config);
        Set<FallbackTrigger> triggers = route.has("fallback_on") ? triggers(route) : d.fallbackOn();
        RetryBudgetConfig spill = route.build(() -> RetryBudgetConfig.builder()
                .ratio(route.decimal("max_spill", 1, 0, 1))
                .minRetriesPerSecond(route.decimal("min_spill_per_second", 1, 0, 1e9))
                .window(route.duration("spill_window", Duration.ofSeconds(60))).build());
        if (!route.has("max_spill")) spill = RouteSettings.NO_SPILL_CAP;
        YamlFields retries = route.child("retries");
        retries.allow("max", "base", "cap", "max_server_hint", "min_attempt");
        RetryConfig retry = retries.build(() -> RetryConfig.builder()
                .maxRetries((int) retries.integer("max", d.retry().maxRetries(), 0, 10))
                .minAttemptTime(retries.duration("min_attempt", d.retry().minAttemptTime())).build());
        BackoffConfig backoff = retries.build(() -> BackoffConfig.builder().base(retries.duration("base", d.backoff().base()))
                .cap(retries.duration("cap", d.backoff().cap()))
                .maxServerHint(retries.duration("max_server_hint", d.backoff().maxServerHint())).build());
        List<RouteTargetSettings> ranking = new ArrayList<>();
        JsonNode list = route.node() == null ? null : route.node().get("targets");
        for (int i = 0; list != null && list.isArray() && i < list.size(); i++) {
            YamlFields t = new YamlFields(list.get(i), route.at("targets") + "/" + i, fail);
            int position = i;
            ranking.add(t.build(() -> new RouteTargetSettings((int) t.integer("priority", position + 1, 1, 1000),
                    (int) t.integer("weight", 1, 1, 1_000_000), t.integer("context_window", 0, 0, Long.MAX_VALUE))));
        }
        return new RouteSettings(tier, triggers, spill, route.bool("context_fallback", false), ranking, retry, backoff,
                route.has("slo") ? slo(route.child("slo")) : null, faster);
    }

    private String tierName(YamlFields route, String key, ResilienceConfig config) {
        String name = route.text(key, null);
        if (name != null && config.tier(name).isEmpty()) {
            throw fail.apply(route.at(key), "unknown timeout tier '" + name + "' (interactive, standard, long, or one under resilience.tiers)");
        }
        return name;
    }

    private Set<FallbackTrigger> triggers(YamlFields route) {
        JsonNode list = route.node().get("fallback_on");
        if (!list.isArray()) throw fail.apply(route.at("fallback_on"), "fallback_on must be a list");
        Set<FallbackTrigger> out = EnumSet.noneOf(FallbackTrigger.class);
        for (int i = 0; i < list.size(); i++) {
            FallbackTrigger t = list.get(i).isValueNode() ? FallbackTrigger.byName(list.get(i).asText()) : null;
            if (t == null) {
                List<String> names = new ArrayList<>();
                for (FallbackTrigger f : FallbackTrigger.values()) names.add(f.configName());
                throw fail.apply(route.at("fallback_on") + "/" + i, "unknown fallback trigger " + list.get(i) + " (expected one of " + names + ")");
            }
            out.add(t);
        }
        return out;
    }

    private ErrorBudgetConfig slo(YamlFields s) {
        s.allow("availability", "latency", "latency_objective", "short_window", "long_window", "min_events", "on_burn");
        YamlFields burn = s.child("on_burn");
        burn.allow("stop_retries", "shed_low_priority", "faster_tier");
        ErrorBudgetConfig d = ErrorBudgetConfig.defaults();
        return s.build(() -> ErrorBudgetConfig.builder()
                .availabilityObjective(s.decimal("availability", d.availabilityObjective(), 0, 1))
                .latencyObjective(s.duration("latency", d.latencyThreshold()), s.decimal("latency_objective", d.latencyObjective(), 0, 1))
                .windows(s.duration("short_window", d.shortWindow()), s.duration("long_window", d.longWindow()))
                .minimumEvents((int) s.integer("min_events", d.minimumEvents(), 1, Integer.MAX_VALUE))
                .threshold(Posture.STOP_RETRIES, burnRate(burn, "stop_retries", d.threshold(Posture.STOP_RETRIES)))
                .threshold(Posture.SHED_LOW_PRIORITY, burnRate(burn, "shed_low_priority", d.threshold(Posture.SHED_LOW_PRIORITY)))
                .threshold(Posture.FASTER_TIER, burnRate(burn, "faster_tier", d.threshold(Posture.FASTER_TIER)))
                .build());
    }

    /** A burn-rate threshold; {@code off} disables the posture. */
    private double burnRate(YamlFields burn, String key, double dflt) {
        if (burn.has(key) && burn.node().get(key).isTextual() && burn.node().get(key).textValue().strip().equals("off")) {
            return Double.POSITIVE_INFINITY;
        }
        return burn.decimal(key, dflt, 1e-9, 1e9);
    }
}
