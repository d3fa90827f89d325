package io.switchboard.engine.policy;

import io.switchboard.engine.config.TargetSettings;
import io.switchboard.engine.resilience.BreakerListener;
import io.switchboard.engine.resilience.Bulkhead;
import io.switchboard.engine.resilience.RetryBudget;
import io.switchboard.engine.resilience.TargetBreaker;
import io.switchboard.engine.resilience.TargetRateLimiter;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * The storm-control state of one target: breaker, concurrency limit, token buckets and retry budget. Each of
 * the first three is null when its settings turn it off.
 */
public record TargetGuards(String target, TargetSettings settings, TargetBreaker breaker, Bulkhead bulkhead,
                           TargetRateLimiter limiter, RetryBudget retryBudget) {

    static TargetGuards create(String target, TargetSettings s, LongSupplier ticker, Clock clock, BreakerListener listener) {
        return new TargetGuards(target, s,
                s.breaker() == null ? null : new TargetBreaker(target, s.breaker(), clock, listener),
                s.maxConcurrent() == 0 ? null : new Bulkhead(s.maxConcurrent()),
                s.rateLimit() == null ? null : new TargetRateLimiter(s.rateLimit(), ticker),
                new RetryBudget(s.retryBudget(), ticker));
    }
}
