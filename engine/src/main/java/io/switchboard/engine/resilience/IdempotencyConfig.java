package io.switchboard.engine.resilience;

import java.time.Duration;

/**
 * Settings for {@link IdempotencyStore}.
 *
 * @param ttl        how long a completed result is replayed to duplicates
 * @param maxEntries completed results kept at most; the oldest go first
 */
public record IdempotencyConfig(Duration ttl, int maxEntries) {
    public IdempotencyConfig {
        BackoffConfig.requirePositive("ttl", ttl);
        checkMaxEntries(maxEntries);
    }

    public static IdempotencyConfig defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    private static void checkMaxEntries(int v) {
        if (v < 1) throw new IllegalArgumentException("maxEntries must be >= 1 but was " + v);
    }

    /** Fluent builder; each setter rejects a bad value at once. Defaults: 24 h (as Stripe), 10 000 entries. */
    public static final class Builder {
        private Duration ttl = Duration.ofHours(24);
        private int maxEntries = 10_000;

        private Builder() {}

        public Builder ttl(Duration v) { BackoffConfig.requirePositive("ttl", v); ttl = v; return this; }

        public Builder maxEntries(int v) { checkMaxEntries(v); maxEntries = v; return this; }

        public IdempotencyConfig build() { return new IdempotencyConfig(ttl, maxEntries); }
    }
}
