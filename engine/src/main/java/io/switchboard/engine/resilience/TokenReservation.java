package io.switchboard.engine.resilience;

import io.github.bucket4j.Bucket;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Capacity taken by one granted call: one request and an estimate of its tokens. Once the real token
 * count is known, {@link #settle(long)} refunds or charges the difference; if the call was never sent,
 * {@link #cancel()} gives everything back. Only the first of the two has an effect.
 */
public final class TokenReservation {
    private final Bucket requests;
    private final Bucket tokens;
    private final long estimatedTokens;
    private final AtomicBoolean closed = new AtomicBoolean();

    TokenReservation(Bucket requests, Bucket tokens, long estimatedTokens) {
        this.requests = requests;
        this.tokens = tokens;
        this.estimatedTokens = estimatedTokens;
    }

    /** Corrects the token charge to {@code actualTokens}; a larger charge may push the bucket into debt. */
    public void settle(long actualTokens) {
        if (actualTokens < 0) throw new IllegalArgumentException("actualTokens must be >= 0 but was " + actualTokens);
        if (!closed.compareAndSet(false, true) || tokens == null) return;
        long difference = actualTokens - estimatedTokens;
        if (difference > 0) {
            tokens.consumeIgnoringRateLimits(difference);
        } else if (difference < 0) {
            tokens.addTokens(-difference);
        }
    }

    /** Returns the request and the estimated tokens: the call was not made. */
    public void cancel() {
        if (!closed.compareAndSet(false, true)) return;
        if (requests != null) requests.addTokens(1);
        if (tokens != null && estimatedTokens > 0) tokens.addTokens(estimatedTokens);
    }

    public long estimatedTokens() { return estimatedTokens; }
}
