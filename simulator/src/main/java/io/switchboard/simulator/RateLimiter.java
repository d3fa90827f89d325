package io.switchboard.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed one-minute windows per provider and model, timed by the injected clock. Models without a configured
 * rule are tracked against nominal limits that are never enforced, so every answer carries rate-limit headers.
 * The nominal limits are far above what one machine can send in a minute: a client that trusts the headers
 * (the gateway's buckets do) must never read "0 remaining" on a request that was then served anyway, which
 * with a provider-sized nominal limit (10k/min) a load test reached within a second. A refused request
 * consumes nothing.
 */
final class RateLimiter {
    static final long NOMINAL_REQUESTS = 100_000_000;
    static final long NOMINAL_TOKENS = 100_000_000_000L;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private static final class Window {
        Instant start;
        long requests;
        long tokens;
    }

    private final List<RateLimitRule> rules;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(List<RateLimitRule> rules, Clock clock) {
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    /** Checks and, if admitted, counts one request costing {@code tokens}. */
    RateLimitState admit(Provider provider, String model, long tokens) {
        RateLimitRule rule = ruleFor(provider, model);
        long requestLimit = rule == null || rule.requestsPerMinute() == 0 ? NOMINAL_REQUESTS : rule.requestsPerMinute();
        long tokenLimit = rule == null || rule.tokensPerMinute() == 0 ? NOMINAL_TOKENS : rule.tokensPerMinute();
        boolean enforceRequests = rule != null && rule.requestsPerMinute() > 0;
        boolean enforceTokens = rule != null && rule.tokensPerMinute() > 0;
        Window w = windows.computeIfAbsent(provider.wireName() + ':' + model, k -> new Window());
        Instant now = clock.instant();
        synchronized (w) {
            if (w.start == null || !now.isBefore(w.start.plus(WINDOW))) {
                w.start = now;
                w.requests = 0;
                w.tokens = 0;
            }
            String exceeded = null;
            if (enforceRequests && w.requests + 1 > requestLimit) exceeded = "requests";
            else if (enforceTokens && w.tokens + tokens > tokenLimit) exceeded = "tokens";
            if (exceeded == null) {
                w.requests++;
                w.tokens += tokens;
            }
            Instant resetAt = w.start.plus(WINDOW);
            return new RateLimitState(exceeded, requestLimit, Math.max(0, requestLimit - w.requests),
                    tokenLimit, Math.max(0, tokenLimit - w.tokens), tokens, resetAt, Duration.between(now, resetAt));
        }
    }

    /** Headers-only view for requests that are not rate limited (no model, control paths). */
    RateLimitState nominal() {
        Instant now = clock.instant();
        return new RateLimitState(null, NOMINAL_REQUESTS, NOMINAL_REQUESTS, NOMINAL_TOKENS, NOMINAL_TOKENS, 0,
                now, Duration.ZERO);
    }

    private RateLimitRule ruleFor(Provider provider, String model) {
        for (RateLimitRule r : rules) {
            if (r.selects(provider, model)) return r;
        }
        return null;
    }
}
