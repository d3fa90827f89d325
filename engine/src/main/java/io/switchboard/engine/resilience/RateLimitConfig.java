package io.switchboard.engine.resilience;

import java.time.Duration;

/**
 * Settings for {@link TargetRateLimiter}: the target's own limits (usually the provider account's),
 * and what the engine does when a bucket is empty.
 *
 * @param requestsPerMinute requests per minute; 0 = no request limit
 * @param tokensPerMinute   tokens (prompt + completion) per minute; 0 = no token limit
 * @param onLimit           wait for the bucket, or fall back to another target at once
 * @param maxWait           longest wait worth taking when {@code onLimit} is WAIT
 */
public record RateLimitConfig(long requestsPerMinute, long tokensPerMinute, OnLimit onLimit, Duration maxWait) {

    /** What the engine does when a bucket is empty. */
    public enum OnLimit { WAIT, FALLBACK }

    /** bucket4j refills at most one token per nanosecond; a faster limit would fail on the first call. */
    public static final long MAX_PER_MINUTE = 60_000_000_000L;

    public RateLimitConfig {
        checkRate("requestsPerMinute", requestsPerMinute);
        checkRate("tokensPerMinute", tokensPerMinute);
        if (onLimit == null) throw new IllegalArgumentException("onLimit must not be null");
        checkMaxWait(maxWait);
    }

    public static Builder builder() { return new Builder(); }

    private static void checkRate(String name, long v) {
        if (v < 0 || v > MAX_PER_MINUTE) {
            throw new IllegalArgumentException(name + " must be between 0 (unlimited) and " + MAX_PER_MINUTE + " but was " + v);
        }
    }

    private static void checkMaxWait(Duration v) {
        if (v == null || v.isNegative()) throw new IllegalArgumentException("maxWait must be >= 0 but was " + v);
    }

    /** Fluent builder; each setter rejects a bad value at once. Defaults: unlimited, WAIT up to 5 s. */
    public static final class Builder {
        private long requestsPerMinute;
        private long tokensPerMinute;
        private OnLimit onLimit = OnLimit.WAIT;
        private Duration maxWait = Duration.ofSeconds(5);

        private Builder() {}

        public Builder requestsPerMinute(long v) { checkRate("requestsPerMinute", v); requestsPerMinute = v; return this; }

        public Builder tokensPerMinute(long v) { checkRate("tokensPerMinute", v); tokensPerMinute = v; return this; }

        public Builder onLimit(OnLimit v) {
            if (v == null) throw new IllegalArgumentException("onLimit must not be null");
            onLimit = v;
            return this;
        }

        public Builder maxWait(Duration v) { checkMaxWait(v); maxWait = v; return this; }

        public RateLimitConfig build() { return new RateLimitConfig(requestsPerMinute, tokensPerMinute, onLimit, maxWait); }
    }
}
