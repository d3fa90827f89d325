package io.switchboard.engine.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether to retry, why, and (when retrying) after how long. The reason is for logs and events.
 *
 * @param delay wait before the retry; {@link Duration#ZERO} when not retrying
 */
public record RetryDecision(boolean retry, Reason reason, Duration delay) {

    /** Why a decision was made; exactly one reason ({@link #RETRYABLE}) means "retry". */
    public enum Reason {
        RETRYABLE,
        /** Bytes already reached the client; a second answer cannot be spliced in. */
        STREAM_STARTED,
        ATTEMPTS_EXHAUSTED,
        /** A status that retrying cannot fix (400, 401, 403, 404, 422, other 4xx). */
        NOT_RETRYABLE_STATUS,
        /** OpenAI {@code insufficient_quota}: a 429 that only billing fixes. */
        QUOTA_EXHAUSTED,
        /** The provider said {@code x-should-retry: false}. */
        SERVER_DECLINED,
        /** The deadline cannot fit the backoff plus a minimal attempt. */
        DEADLINE_TOO_CLOSE,
        /** The target's retry budget is spent. */
        BUDGET_EXHAUSTED
    }

    public RetryDecision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(delay, "delay");
        if (retry != (reason == Reason.RETRYABLE)) {
            throw new IllegalArgumentException("retry=" + retry + " contradicts reason " + reason);
        }
    }

    public static RetryDecision retryAfter(Duration delay) {
        return new RetryDecision(true, Reason.RETRYABLE, delay);
    }

    public static RetryDecision giveUp(Reason reason) {
        return new RetryDecision(false, reason, Duration.ZERO);
    }
}
