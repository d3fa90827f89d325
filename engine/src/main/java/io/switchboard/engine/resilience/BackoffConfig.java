package io.switchboard.engine.resilience;

import java.time.Duration;

/**
 * Settings for {@link Backoff}. Defaults match the OpenAI and Anthropic SDKs: base 0.5 s, cap 8 s;
 * server hints are honoured up to 60 s (anthropic-python's limit).
 *
 * @param base          delay ceiling before the first retry; doubles per retry
 * @param cap           largest ceiling the doubling may reach
 * @param maxServerHint largest server-requested delay honoured; longer hints are clamped to it
 */
public record BackoffConfig(Duration base, Duration cap, Duration maxServerHint) {
    public BackoffConfig {
        requirePositive("base", base);
        requirePositive("cap", cap);
        requirePositive("maxServerHint", maxServerHint);
        if (cap.compareTo(base) < 0) throw new IllegalArgumentException("cap " + cap + " must be >= base " + base);
    }

    public static BackoffConfig defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }

    /** Fluent builder; each setter rejects a bad value at once. */
    public static final class Builder {
        private Duration base = Duration.ofMillis(500);
        private Duration cap = Duration.ofSeconds(8);
        private Duration maxServerHint = Duration.ofSeconds(60);

        private Builder() {}

        public Builder base(Duration v) { requirePositive("base", v); base = v; return this; }

        public Builder cap(Duration v) { requirePositive("cap", v); cap = v; return this; }

        public Builder maxServerHint(Duration v) { requirePositive("maxServerHint", v); maxServerHint = v; return this; }

        public BackoffConfig build() { return new BackoffConfig(base, cap, maxServerHint); }
    }
}
