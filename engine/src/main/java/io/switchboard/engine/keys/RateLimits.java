package io.switchboard.engine.keys;

/** A virtual key's request and token rates per minute; 0 means that rate is not limited. */
public record RateLimits(long requestsPerMinute, long tokensPerMinute) {

    public static final RateLimits NONE = new RateLimits(0, 0);

    public RateLimits {
        if (requestsPerMinute < 0) throw new IllegalArgumentException("requestsPerMinute must not be negative, got " + requestsPerMinute);
        if (tokensPerMinute < 0) throw new IllegalArgumentException("tokensPerMinute must not be negative, got " + tokensPerMinute);
    }

    public boolean limitsRequests() { return requestsPerMinute > 0; }

    public boolean limitsTokens() { return tokensPerMinute > 0; }
}
