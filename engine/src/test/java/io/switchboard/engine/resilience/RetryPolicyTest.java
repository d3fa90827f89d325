package io.switchboard.engine.resilience;

import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderError;
import io.switchboard.engine.resilience.RetryDecision.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
    /** Always the top of the jitter range, so delays equal the backoff ceiling. */
    private static final RandomGenerator MAX_JITTER = new RandomGenerator() {
        @Override public long nextLong() { throw new UnsupportedOperationException(); }

        @Override public long nextLong(long bound) { return bound - 1; }
    };

    private final FakeTicker ticker = new FakeTicker();
    private final RetryPolicy policy = new RetryPolicy(
            RetryConfig.builder().maxRetries(2).minAttemptTime(Duration.ofSeconds(1)).build(),
            new Backoff(BackoffConfig.defaults(), MAX_JITTER));
    private final Deadline roomy = Deadline.after(Duration.ofMinutes(5), ticker);

    private RetryBudget generousBudget() {
        return new RetryBudget(RetryBudgetConfig.builder().ratio(1).minRetriesPerSecond(100).build(), ticker);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504, 529})
    void retriesTransientStatuses(int status) {
        RetryDecision d = policy.decide(AttemptOutcome.status(status), 0, roomy, generousBudget());
        assertThat(d.retry()).isTrue();
        assertThat(d.reason()).isEqualTo(Reason.RETRYABLE);
        assertThat(d.delay()).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 402, 403, 404, 413, 422})
    void neverRetriesClientErrors(int status) {
        RetryDecision d = policy.decide(AttemptOutcome.status(status), 0, roomy, generousBudget());
        assertThat(d).isEqualTo(RetryDecision.giveUp(Reason.NOT_RETRYABLE_STATUS));
    }

    @Test
    void retriesConnectionErrorsAndTimeouts() {
        assertThat(policy.decide(AttemptOutcome.connectionError(), 0, roomy, generousBudget()).retry()).isTrue();
        assertThat(policy.decide(AttemptOutcome.timeout(), 1, roomy, generousBudget()).retry()).isTrue();
    }

    @Test
    void neverRetriesInsufficientQuota() {
        AttemptOutcome quota = AttemptOutcome.status(429).withErrorCode("insufficient_quota");
        assertThat(policy.decide(quota, 0, roomy, generousBudget()).reason()).isEqualTo(Reason.QUOTA_EXHAUSTED);
        AttemptOutcome fromCore = AttemptOutcome.of(ProviderError.of(ErrorKind.QUOTA_EXCEEDED, "You exceeded your current quota"));
        assertThat(policy.decide(fromCore, 0, roomy, generousBudget()).reason()).isEqualTo(Reason.QUOTA_EXHAUSTED);
    }

    @Test
    void neverRetriesOnceBytesReachedTheClient() {
        AttemptOutcome midStream = AttemptOutcome.connectionError().afterFirstByte();
        assertThat(policy.decide(midStream, 0, roomy, generousBudget()).reason()).isEqualTo(Reason.STREAM_STARTED);
    }

    @Test
    void stopsAfterMaxRetries() {
        assertThat(policy.decide(AttemptOutcome.status(503), 1, roomy, generousBudget()).retry()).isTrue();
        assertThat(policy.decide(AttemptOutcome.status(503), 2, roomy, generousBudget()).reason())
                .isEqualTo(Reason.ATTEMPTS_EXHAUSTED);
    }

    @Test
    void serverMayVetoButNotOverrideTheNeverList() {
        assertThat(policy.decide(AttemptOutcome.status(503).withShouldRetry(false), 0, roomy, generousBudget()).reason())
                .isEqualTo(Reason.SERVER_DECLINED);
        assertThat(policy.decide(AttemptOutcome.status(400).withShouldRetry(true), 0, roomy, generousBudget()).reason())
                .isEqualTo(Reason.NOT_RETRYABLE_STATUS);
    }

    @Test
    void serverHintSetsTheDelay() {
        RetryDecision d = policy.decide(AttemptOutcome.status(429).withServerHint(Duration.ofSeconds(7)), 0, roomy, generousBudget());
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void noRetryWhenBackoffPlusMinimalAttemptDoesNotFitTheDeadline() {
        Deadline tight = Deadline.after(Duration.ofSeconds(8), ticker);
        AttemptOutcome hinted = AttemptOutcome.status(429).withServerHint(Duration.ofSeconds(7));
        assertThat(policy.decide(hinted, 0, tight, generousBudget()).retry()).isTrue(); // 7 + 1 = 8 fits exactly
        ticker.advance(Duration.ofMillis(1));
        assertThat(policy.decide(hinted, 0, tight, generousBudget()).reason()).isEqualTo(Reason.DEADLINE_TOO_CLOSE);
    }

    @Test
    void budgetIsAskedLastAndOnlyChargedForRealRetries() {
        RetryBudget oneRetry = new RetryBudget(RetryBudgetConfig.builder().ratio(0).minRetriesPerSecond(0.1).build(), ticker);
        Deadline tooShort = Deadline.after(Duration.ofMillis(100), ticker);
        assertThat(policy.decide(AttemptOutcome.status(503), 0, tooShort, oneRetry).reason()).isEqualTo(Reason.DEADLINE_TOO_CLOSE);
        assertThat(policy.decide(AttemptOutcome.status(400), 0, roomy, oneRetry).retry()).isFalse();
        assertThat(oneRetry.available()).isEqualTo(1);

        assertThat(policy.decide(AttemptOutcome.status(503), 0, roomy, oneRetry).retry()).isTrue();
        assertThat(policy.decide(AttemptOutcome.status(503), 0, roomy, oneRetry).reason()).isEqualTo(Reason.BUDGET_EXHAUSTED);
    }

    @Test
    void successIsNotAFailureToRetry() {
        assertThatThrownBy(() -> policy.decide(AttemptOutcome.status(200), 0, roomy, generousBudget()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decisionRejectsContradictions() {
        assertThatThrownBy(() -> new RetryDecision(true, Reason.BUDGET_EXHAUSTED, Duration.ZERO))
                .hasMessageContaining("contradicts");
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> RetryConfig.builder().maxRetries(-1)).hasMessageContaining("maxRetries").hasMessageContaining("-1");
        assertThatThrownBy(() -> RetryConfig.builder().minAttemptTime(Duration.ZERO)).hasMessageContaining("minAttemptTime");
        assertThatThrownBy(() -> AttemptOutcome.status(42)).hasMessageContaining("42");
    }
}
