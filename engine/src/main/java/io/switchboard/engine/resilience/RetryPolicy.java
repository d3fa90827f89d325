package io.switchboard.engine.resilience;

import io.switchboard.engine.resilience.RetryDecision.Reason;

import java.time.Duration;
import java.util.Objects;

/**
 * Decides, after a failed attempt, whether to try again: a list of guard clauses, cheapest and most
 * final first, the budget last so a retry that will not happen never spends it. Retries 408, 409,
 * 429, 5xx (529 included), connection errors and timeouts, like the OpenAI and Anthropic SDKs; never
 * 400/401/403/404/422 or other 4xx, never {@code insufficient_quota}. {@code x-should-retry: false}
 * vetoes a retry; {@code true} cannot override the never-list. Stateless and thread-safe.
 */
public final class RetryPolicy {
    private final RetryConfig config;
    private final Backoff backoff;

    public RetryPolicy(RetryConfig config, Backoff backoff) {
        this.config = Objects.requireNonNull(config, "config");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * @param outcome     how the last attempt ended (must not be a success)
     * @param retriesDone retries already made for this request (0 after the first attempt)
     * @param deadline    the request's deadline
     * @param budget      the target's retry budget; consulted (and spent) only if every other guard passes
     */
    public RetryDecision decide(AttemptOutcome outcome, int retriesDone, Deadline deadline, RetryBudget budget) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(budget, "budget");
        if (outcome.succeeded()) throw new IllegalArgumentException("a successful outcome is not retried: " + outcome);
        if (outcome.firstByteSent()) return RetryDecision.giveUp(Reason.STREAM_STARTED);
        if (retriesDone >= config.maxRetries()) return RetryDecision.giveUp(Reason.ATTEMPTS_EXHAUSTED);
        if ("insufficient_quota".equals(outcome.errorCode())) return RetryDecision.giveUp(Reason.QUOTA_EXHAUSTED);
        if (!retryableFailure(outcome)) return RetryDecision.giveUp(Reason.NOT_RETRYABLE_STATUS);
        if (Boolean.FALSE.equals(outcome.shouldRetry())) return RetryDecision.giveUp(Reason.SERVER_DECLINED);

        Duration delay = backoff.delay(retriesDone, outcome.serverHint());
        if (!deadline.canStart(delay.plus(config.minAttemptTime()))) return RetryDecision.giveUp(Reason.DEADLINE_TOO_CLOSE);
        if (!budget.tryAcquireRetry()) return RetryDecision.giveUp(Reason.BUDGET_EXHAUSTED);
        return RetryDecision.retryAfter(delay);
    }

    /** Whether the failure itself is of a kind that a later attempt may not repeat. */
    static boolean retryableFailure(AttemptOutcome outcome) {
        if (outcome.failure() != AttemptOutcome.Failure.NONE) return true;
        int status = outcome.status();
        return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
    }

    public RetryConfig config() { return config; }
}
