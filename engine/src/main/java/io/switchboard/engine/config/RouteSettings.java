package io.switchboard.engine.config;

import io.switchboard.engine.resilience.BackoffConfig;
import io.switchboard.engine.resilience.ErrorBudgetConfig;
import io.switchboard.engine.resilience.RetryBudgetConfig;
import io.switchboard.engine.resilience.RetryConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a route serves: its timeout tier, what triggers fallback, how much traffic may spill below the top
 * priority, retries on one target, its SLO, and the per-target ranking (the {@code routes.<alias>} keys next
 * to {@code targets}).
 *
 * @param tier            timeout tier name; null = the gateway's default tier
 * @param fallbackOn      failures that move the request to the next target
 * @param spill           cap on requests served below the top priority: {@code ratio} of the route's requests
 *                        over {@code window}, plus {@code minRetriesPerSecond} spills per second; ratio 1 = no cap
 * @param contextFallback whether a context-length error may move to a target with a larger declared window
 * @param targets         ranking of the route's targets, same order as {@link RouteConfig#targets()}; empty = in order
 * @param retry           retries on the same target (max 0 = none; fallback is the first remedy)
 * @param backoff         waits between those retries
 * @param slo             the route's SLO and burn-rate thresholds; null = no error budget
 * @param fasterTier      the tier used while the error budget burns at the FASTER_TIER threshold; null = unchanged
 */
public record RouteSettings(String tier, Set<FallbackTrigger> fallbackOn, RetryBudgetConfig spill, boolean contextFallback,
                            List<RouteTargetSettings> targets, RetryConfig retry, BackoffConfig backoff,
                            ErrorBudgetConfig slo, String fasterTier) {
    /** No spill cap: every spill allowed. */
    public static final RetryBudgetConfig NO_SPILL_CAP = RetryBudgetConfig.builder().ratio(1).minRetriesPerSecond(0)
            .window(Duration.ofSeconds(60)).build();
    public static final RouteSettings DEFAULTS = new RouteSettings(null, FallbackTrigger.all(), NO_SPILL_CAP, false,
            List.of(), RetryConfig.builder().maxRetries(0).build(), BackoffConfig.defaults(), null, null);

    public RouteSettings {
        fallbackOn = fallbackOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fallbackOn));
        targets = List.copyOf(targets);
        if (spill == null || retry == null || backoff == null) throw new IllegalArgumentException("spill, retry and backoff are required");
    }

    /** Whether spilling is unlimited. */
    public boolean spillUncapped() { return spill.ratio() >= 1; }

    /** The ranking of target {@code index}: declared, or its own priority level in list order. */
    public RouteTargetSettings target(int index) {
        return index < targets.size() ? targets.get(index) : RouteTargetSettings.inOrder(index);
    }
}
