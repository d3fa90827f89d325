package io.switchboard.engine.resilience;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.switchboard.engine.resilience.RateLimitDecision.Limit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Token buckets for one target: requests per minute and tokens per minute, refilled smoothly
 * (bucket4j greedy refill) on the injected nano ticker. A call reserves one request plus its
 * estimated tokens up front; the reservation is settled with the real count afterwards. Provider
 * rate-limit headers pull the buckets down when the provider knows of less room than we do (other
 * clients share the account), so the gateway slows down before the provider starts refusing.
 * Thread-safe; the two-bucket reservation is atomic.
 */
public final class TargetRateLimiter {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String[] REQUEST_REMAINING = {
            "x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining"};
    /**
     * Anthropic also reports input- and output-token limits; input-tokens bounds our total-token bucket
     * soundly, output-tokens (a much smaller separate limit) would over-throttle, so it is not read.
     */
    private static final String[] TOKEN_REMAINING = {
            "x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining",
            "anthropic-ratelimit-input-tokens-remaining"};

    private final RateLimitConfig config;
    private final Bucket requests;
    private final Bucket tokens;

    public TargetRateLimiter(RateLimitConfig config, LongSupplier nanoTicker) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(nanoTicker, "nanoTicker");
        this.requests = bucket(config.requestsPerMinute(), nanoTicker);
        this.tokens = bucket(config.tokensPerMinute(), nanoTicker);
    }

    private static Bucket bucket(long perMinute, LongSupplier ticker) {
        if (perMinute == 0) return null;
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, MINUTE))
                .withCustomTimePrecision(new TickerTimeMeter(ticker))
                .build();
    }

    /** Takes one request and {@code estimatedTokens} tokens, or says how long until there is room. */
    public synchronized RateLimitDecision reserve(long estimatedTokens) {
        if (estimatedTokens < 0) {
            throw new IllegalArgumentException("estimatedTokens must be >= 0 but was " + estimatedTokens);
        }
        if (tokens != null && estimatedTokens > config.tokensPerMinute()) {
            return new RateLimitDecision.TooLarge(estimatedTokens, config.tokensPerMinute());
        }
        if (requests != null) {
            ConsumptionProbe probe = requests.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return new RateLimitDecision.Throttled(Duration.ofNanos(probe.getNanosToWaitForRefill()), Limit.REQUESTS);
            }
        }
        if (tokens != null) {
            long waitNanos = takeTokens(estimatedTokens);
            if (waitNanos > 0) {
                if (requests != null) requests.addTokens(1);
                return new RateLimitDecision.Throttled(Duration.ofNanos(waitNanos), Limit.TOKENS);
            }
        }
        return new RateLimitDecision.Granted(new TokenReservation(requests, tokens, estimatedTokens));
    }

    /** Takes the tokens and returns 0, or returns the nanos until they are there. */
    private long takeTokens(long estimatedTokens) {
        if (estimatedTokens == 0) {
            // Nothing to take, but a bucket in debt (actual usage ran over estimates) still holds calls back.
            if (tokens.getAvailableTokens() >= 0) return 0;
            return Math.max(1, tokens.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }
        ConsumptionProbe probe = tokens.tryConsumeAndReturnRemaining(estimatedTokens);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /**
     * Lowers each bucket to the provider's reported {@code remaining} when that is lower than ours.
     * Reads OpenAI {@code x-ratelimit-remaining-*} and Anthropic {@code anthropic-ratelimit-*-remaining}
     * (provider-apis.md A3/B3). Never raises a bucket: our own limit stays the ceiling.
     */
    public synchronized void observe(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) return;
        lowerTo(requests, lowestReported(headers, REQUEST_REMAINING));
        lowerTo(tokens, lowestReported(headers, TOKEN_REMAINING));
    }

    /** Whether a throttled call should wait {@code wait} (config says WAIT, within maxWait and the deadline). */
    public boolean worthWaiting(Duration wait, Deadline deadline) {
        return config.onLimit() == RateLimitConfig.OnLimit.WAIT
                && wait.compareTo(config.maxWait()) <= 0
                && deadline.canStart(wait);
    }

    /** Requests available now, or {@code Long.MAX_VALUE} without a request limit. */
    public long availableRequests() {
        return requests == null ? Long.MAX_VALUE : requests.getAvailableTokens();
    }

    /** Tokens available now (negative while in debt), or {@code Long.MAX_VALUE} without a token limit. */
    public long availableTokens() {
        return tokens == null ? Long.MAX_VALUE : tokens.getAvailableTokens();
    }

    public RateLimitConfig config() { return config; }

    private static long lowestReported(Map<String, String> headers, String[] names) {
        long lowest = -1;
        for (String name : names) {
            long value = HeaderValues.nonNegativeLong(headers, name);
            if (value >= 0 && (lowest < 0 || value < lowest)) lowest = value;
        }
        return lowest;
    }

    private static void lowerTo(Bucket bucket, long reported) {
        if (bucket == null || reported < 0) return;
        long excess = bucket.getAvailableTokens() - reported;
        if (excess > 0) bucket.consumeIgnoringRateLimits(excess);
    }
}
