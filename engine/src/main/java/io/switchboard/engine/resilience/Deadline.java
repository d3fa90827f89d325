package io.switchboard.engine.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The moment a request must be finished by, measured on a monotonic nano ticker. Every attempt,
 * backoff and rate-limit wait is fitted inside it, so retries never outlive the client's patience.
 * Immutable and thread-safe.
 */
public final class Deadline {
    /** Durations beyond this (~73 years) are treated as "no deadline" so arithmetic cannot overflow. */
    private static final long MAX_NANOS = Long.MAX_VALUE / 4;

    private final LongSupplier nanoTicker;
    private final long deadlineNanos;

    private Deadline(LongSupplier nanoTicker, long deadlineNanos) {
        this.nanoTicker = nanoTicker;
        this.deadlineNanos = deadlineNanos;
    }

    /** A deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout, LongSupplier nanoTicker) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(nanoTicker, "nanoTicker");
        if (timeout.isNegative()) throw new IllegalArgumentException("timeout must be >= 0 but was " + timeout);
        long nanos = timeout.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : timeout.toNanos();
        return new Deadline(nanoTicker, nanoTicker.getAsLong() + nanos);
    }

    /** A deadline of the tier's total timeout from now. */
    public static Deadline of(TimeoutTier tier, LongSupplier nanoTicker) {
        return after(tier.total(), nanoTicker);
    }

    /** The earlier of this deadline and {@code timeout} from now (e.g. a client-sent timeout). */
    public Deadline atMost(Duration timeout) {
        Deadline other = after(timeout, nanoTicker);
        return other.deadlineNanos - deadlineNanos < 0 ? other : this;
    }

    /** Time left; zero once expired. */
    public Duration remaining() {
        return Duration.ofNanos(remainingNanos());
    }

    public boolean expired() {
        return remainingNanos() == 0;
    }

    /** Whether at least {@code minimum} is left, i.e. an attempt needing that long may start. */
    public boolean canStart(Duration minimum) {
        Objects.requireNonNull(minimum, "minimum");
        long left = remainingNanos();
        return left > 0 && (minimum.compareTo(Duration.ofNanos(MAX_NANOS)) <= 0 && left >= minimum.toNanos());
    }

    /** The tier's timeouts, each cut to the time left. */
    public AttemptTimeouts attemptTimeouts(TimeoutTier tier) {
        Duration left = remaining();
        return new AttemptTimeouts(min(tier.connect(), left), min(tier.firstByte(), left),
                min(tier.idle(), left), min(tier.total(), left));
    }

    private long remainingNanos() {
        // Subtraction first: the ticker may be anywhere in the long range (System.nanoTime can be negative).
        return Math.max(0, deadlineNanos - nanoTicker.getAsLong());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "Deadline[remaining=" + remaining() + "]";
    }
}
