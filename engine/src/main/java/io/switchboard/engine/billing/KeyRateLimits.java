package io.switchboard.engine.billing;

import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.core.model.ProviderException;
import io.switchboard.engine.keys.RateLimits;
import io.switchboard.engine.keys.VirtualKey;
import io.switchboard.engine.resilience.RateLimitConfig;
import io.switchboard.engine.resilience.RateLimitDecision;
import io.switchboard.engine.resilience.TargetRateLimiter;
import io.switchboard.engine.resilience.TokenReservation;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each virtual key's own request and token rates per minute ({@code rate_limits} of the key), as smoothly
 * refilled token buckets (the same {@link TargetRateLimiter} the engine uses for provider limits). A call takes
 * one request and its estimated tokens; the token charge is corrected to the real usage when it settles.
 * In memory: limits restart full after a gateway restart.
 */
final class KeyRateLimits {
    private final LongSupplier nanoTicker;
    private final ConcurrentHashMap<String, TargetRateLimiter> byKey = new ConcurrentHashMap<>();

    KeyRateLimits(LongSupplier nanoTicker) { this.nanoTicker = nanoTicker; }

    /**
     * Takes one request and {@code estimatedTokens} from {@code key}'s buckets; null when the key has no limits.
     *
     * @throws ProviderException 429 {@code rate_limit_exceeded} with a retry hint when a bucket is empty
     */
    TokenReservation take(VirtualKey key, long estimatedTokens) {
        RateLimits limits = key.spec().rateLimits();
        if (!limits.limitsRequests() && !limits.limitsTokens()) return null;
        TargetRateLimiter limiter = byKey.computeIfAbsent(key.id(), id -> new TargetRateLimiter(
                RateLimitConfig.builder().requestsPerMinute(limits.requestsPerMinute()).tokensPerMinute(limits.tokensPerMinute())
                        .onLimit(RateLimitConfig.OnLimit.FALLBACK).build(), nanoTicker));
        return switch (limiter.reserve(limits.limitsTokens() ? estimatedTokens : 0)) {
            case RateLimitDecision.Granted g -> g.reservation();
            case RateLimitDecision.Throttled t -> throw refused("Rate limit reached for this API key ("
                    + (t.limit() == RateLimitDecision.Limit.REQUESTS ? limits.requestsPerMinute() + " requests" : limits.tokensPerMinute() + " tokens")
                    + " per minute). Please try again in " + t.waitFor().toMillis() + "ms.", t.waitFor());
            case RateLimitDecision.TooLarge big -> throw new ProviderException(ProviderError.of(ErrorKind.INVALID_REQUEST,
                    "This request may use up to " + big.requestedTokens() + " tokens, more than this API key may use per minute ("
                            + big.capacity() + "); lower max_tokens.").withParam("max_tokens").withCode("rate_limit_exceeded"));
        };
    }

    /** Whether {@code key}'s token bucket holds at least {@code tokens} now (true when it limits no tokens). */
    boolean hasTokens(VirtualKey key, long tokens) {
        RateLimits limits = key.spec().rateLimits();
        if (!limits.limitsTokens()) return true;
        TargetRateLimiter limiter = byKey.get(key.id());
        return (limiter == null ? limits.tokensPerMinute() : limiter.availableTokens()) >= tokens;
    }

    /** Forgets a key's buckets (it was revoked). */
    void forget(String keyId) { byKey.remove(keyId); }

    private static ProviderException refused(String message, Duration wait) {
        return new ProviderException(ProviderError.of(ErrorKind.RATE_LIMITED, message).withCode("rate_limit_exceeded")
                .withRetryAfter(wait.isZero() ? Duration.ofMillis(1) : wait));
    }
}
