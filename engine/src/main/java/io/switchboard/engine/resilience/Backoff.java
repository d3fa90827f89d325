package io.switchboard.engine.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter, as in AWS's "Exponential Backoff And Jitter":
 * {@code delay = random(0, min(cap, base · 2^attempt))}. Full jitter spreads synchronized clients
 * best for the least total wait. A positive server hint wins over the computed delay, clamped to
 * {@link BackoffConfig#maxServerHint()}; a zero hint is ignored, as the SDKs do ({@code 0 < d}).
 * Thread-safe if the random generator is.
 */
public final class Backoff {
    private final BackoffConfig config;
    private final RandomGenerator random;

    public Backoff(BackoffConfig config, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The wait before retry number {@code attempt} (0 = the first retry).
     *
     * @param serverHint the provider's requested delay (see {@link RetryAfter}), or null
     */
    public Duration delay(int attempt, Duration serverHint) {
        if (attempt < 0) throw new IllegalArgumentException("attempt must be >= 0 but was " + attempt);
        if (serverHint != null && !serverHint.isNegative() && !serverHint.isZero()) {
            return serverHint.compareTo(config.maxServerHint()) > 0 ? config.maxServerHint() : serverHint;
        }
        long ceiling = ceilingNanos(attempt);
        return Duration.ofNanos(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
    }

    /** The largest delay {@link #delay} can pick for {@code attempt} without a server hint. */
    public Duration ceiling(int attempt) {
        if (attempt < 0) throw new IllegalArgumentException("attempt must be >= 0 but was " + attempt);
        return Duration.ofNanos(ceilingNanos(attempt));
    }

    private long ceilingNanos(int attempt) {
        long cap = config.cap().toNanos();
        long base = config.base().toNanos();
        // base · 2^attempt overflows long quickly; once it passes cap it stays there.
        if (attempt >= Long.numberOfLeadingZeros(base)) return cap;
        return Math.min(cap, base << attempt);
    }

    public BackoffConfig config() { return config; }
}
