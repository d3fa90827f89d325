package io.switchboard.engine.resilience;

import java.time.Duration;

/** The answer of {@link TargetRateLimiter#reserve(long)}: granted, throttled for a while, or never possible. */
public sealed interface RateLimitDecision {

    /** Which bucket ran out. */
    enum Limit { REQUESTS, TOKENS }

    /** Capacity was taken; settle the reservation when the call's real usage is known. */
    record Granted(TokenReservation reservation) implements RateLimitDecision {}

    /** A bucket is empty; it will hold enough again after {@code waitFor}. */
    record Throttled(Duration waitFor, Limit limit) implements RateLimitDecision {}

    /** The estimate exceeds the whole per-minute capacity, so waiting can never help. */
    record TooLarge(long requestedTokens, long capacity) implements RateLimitDecision {}
}
