package io.switchboard.engine.keys;

import io.switchboard.engine.resilience.RateLimitConfig;

/** A virtual key's request and token rates per minute; 0 means that rate is not limited. */
public record RateLimits(long requestsPerMinute, long tokensPerMinute) {

    public static final RateLimits NONE = new RateLimits(0, 0);

    public RateLimits {
        check("requestsPerMinute", requestsPerMinute);
        check("tokensPerMinute", tokensPerMinute);
    }

    private static void check(String name, long v) {
        if (v < 0 || v > RateLimitConfig.MAX_PER_MINUTE) {
            throw new IllegalArgumentException(name + " must be between 0 (unlimited) and " + RateLimitConfig.MAX_PER_MINUTE + ", got " + v);
        }
    }

    public boolean limitsRequests() { return requestsPerMinute > 0; }

    public boolean limitsTokens() { return tokensPerMinute > 0; }
}
