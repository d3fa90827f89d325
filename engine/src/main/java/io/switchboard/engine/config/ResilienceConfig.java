package io.switchboard.engine.config;

import io.switchboard.core.chain.Target;
import io.switchboard.engine.resilience.IdempotencyConfig;
import io.switchboard.engine.resilience.TimeoutTier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Routing and storm control: the {@code resilience:} section (timeout tiers, per-target storm control,
 * idempotency) together with the per-route keys of {@code routes:}. See {@code docs/routing.md}.
 *
 * @param tiers          tiers defined or overridden in the file, by name (the built-in interactive, standard
 *                       and long exist without it)
 * @param defaultTier    the tier of a route that names none; null = one made from {@code upstream:} timeouts
 * @param targets        per-target settings keyed {@code provider/model} or {@code provider}; key {@code default}
 *                       holds the defaults
 * @param routes         per-route settings by route alias
 * @param idempotency    how long {@code Idempotency-Key} results are kept
 */
public record ResilienceConfig(Map<String, TimeoutTier> tiers, String defaultTier, Map<String, TargetSettings> targets,
                               Map<String, RouteSettings> routes, IdempotencyConfig idempotency) {
    public static final String DEFAULT_KEY = "default";
    public static final ResilienceConfig DEFAULTS =
            new ResilienceConfig(Map.of(), null, Map.of(), Map.of(), IdempotencyConfig.defaults());

    public ResilienceConfig {
        tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        if (idempotency == null) idempotency = IdempotencyConfig.defaults();
        if (defaultTier != null && !tiers.containsKey(defaultTier) && builtIn(defaultTier).isEmpty()) {
            throw new IllegalArgumentException("default_tier names unknown tier " + defaultTier);
        }
    }

    /** A tier by name: one from the file, else a built-in (interactive, standard, long). */
    public Optional<TimeoutTier> tier(String name) {
        TimeoutTier own = tiers.get(name);
        return own != null ? Optional.of(own) : builtIn(name);
    }

    private static Optional<TimeoutTier> builtIn(String name) {
        try {
            return Optional.of(TimeoutTier.named(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The settings for {@code target}: its own, else its provider's, else the defaults. */
    public TargetSettings target(Target target) {
        TargetSettings s = targets.get(target.toString());
        if (s == null) s = targets.get(target.provider());
        if (s == null) s = targets.get(DEFAULT_KEY);
        return s == null ? TargetSettings.DEFAULTS : s;
    }

    /** The settings of route {@code alias}, or the defaults for a plain model name. */
    public RouteSettings route(String alias) {
        return alias == null ? RouteSettings.DEFAULTS : routes.getOrDefault(alias, RouteSettings.DEFAULTS);
    }

    public ResilienceConfig withRoutes(Map<String, RouteSettings> v) {
        return new ResilienceConfig(tiers, defaultTier, targets, v, idempotency);
    }
}
