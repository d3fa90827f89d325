package io.switchboard.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one rate-limit check, and what the rate-limit headers report.
 *
 * @param exceeded    null if admitted, else {@code "requests"} or {@code "tokens"} (OpenAI's error {@code type})
 * @param resetAt     when the current window ends (Anthropic reports it as an RFC 3339 timestamp)
 * @param resetIn     time from now until then (OpenAI reports it as a Go duration)
 */
record RateLimitState(String exceeded, long requestLimit, long requestsRemaining, long tokenLimit,
                      long tokensRemaining, long tokensRequested, Instant resetAt, Duration resetIn) {

    boolean admitted() { return exceeded == null; }

    /** Whole seconds a client should wait, at least 1 as the OpenAI spec requires for {@code retry-after}. */
    long retryAfterSeconds() {
        return Math.max(1, (resetIn.toMillis() + 999) / 1000);
    }
}
