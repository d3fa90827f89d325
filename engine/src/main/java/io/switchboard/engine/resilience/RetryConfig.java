package io.switchboard.engine.resilience;

import java.time.Duration;

/**
 * Settings for {@link RetryPolicy}.
 *
 * @param maxRetries     retries after the first attempt (the SDKs default to 2)
 * @param minAttemptTime shortest time an attempt can usefully run; no retry starts with less left
 */
public record RetryConfig(int maxRetries, Duration minAttemptTime) {
    public RetryConfig {
        checkMaxRetries(maxRetries);
        BackoffConfig.requirePositive("minAttemptTime", minAttemptTime);
    }

    public static RetryConfig defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    private static void checkMaxRetries(int v) {
        if (v < 0 || v > 10) throw new IllegalArgumentException("maxRetries must be in [0, 10] but was " + v);
    }

    /** Fluent builder; each setter rejects a bad value at once. Defaults: 2 retries, 1 s minimal attempt. */
    public static final class Builder {
        private int maxRetries = 2;
        private Duration minAttemptTime = Duration.ofSeconds(1);

        private Builder() {}

        public Builder maxRetries(int v) { checkMaxRetries(v); maxRetries = v; return this; }

        public Builder minAttemptTime(Duration v) {
            BackoffConfig.requirePositive("minAttemptTime", v);
            minAttemptTime = v;
            return this;
        }

        public RetryConfig build() { return new RetryConfig(maxRetries, minAttemptTime); }
    }
}
