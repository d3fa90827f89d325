package io.switchboard.engine.config;

import io.switchboard.engine.resilience.RateLimitConfig;
import io.switchboard.engine.resilience.RetryBudgetConfig;
import io.switchboard.engine.resilience.TargetBreakerConfig;

/**
 * Storm control for one target (provider + model): its circuit breaker, token buckets, concurrency limit
 * and retry budget ({@code resilience.targets.<provider/model | provider | default>}).
 *
 * @param breaker       null = no breaker
 * @param rateLimit     null = no local buckets
 * @param maxConcurrent concurrent attempts allowed; 0 = unlimited
 * @param retryBudget   share of the target's requests that may be retried
 */
public record TargetSettings(TargetBreakerConfig breaker, RateLimitConfig rateLimit, int maxConcurrent,
                             RetryBudgetConfig retryBudget) {
    /** A breaker with its defaults, no buckets, no concurrency limit, a 10 % retry budget. */
    public static final TargetSettings DEFAULTS =
            new TargetSettings(TargetBreakerConfig.defaults(), null, 0, RetryBudgetConfig.defaults());

    public TargetSettings {
        if (maxConcurrent < 0) throw new IllegalArgumentException("max_concurrent must be >= 0, got " + maxConcurrent);
        if (retryBudget == null) throw new IllegalArgumentException("retryBudget must not be null");
    }

    public TargetSettings withBreaker(TargetBreakerConfig v) { return new TargetSettings(v, rateLimit, maxConcurrent, retryBudget); }

    public TargetSettings withRateLimit(RateLimitConfig v) { return new TargetSettings(breaker, v, maxConcurrent, retryBudget); }

    public TargetSettings withMaxConcurrent(int v) { return new TargetSettings(breaker, rateLimit, v, retryBudget); }

    public TargetSettings withRetryBudget(RetryBudgetConfig v) { return new TargetSettings(breaker, rateLimit, maxConcurrent, v); }
}
