package io.switchboard.engine.resilience;

import io.switchboard.engine.resilience.RateLimitDecision.Granted;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces composed in the order package-info describes, against a scripted upstream. */
class StormControlScenarioTest {
    private static final Duration CALL_TIME = Duration.ofMillis(200);

    private final FakeTicker ticker = new FakeTicker();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final TargetRateLimiter limiter = new TargetRateLimiter(
            RateLimitConfig.builder().requestsPerMinute(10_000).tokensPerMinute(1_000_000).build(), ticker);
    private final Bulkhead bulkhead = new Bulkhead(10);
    private final TargetBreaker breaker = new TargetBreaker("sim", TargetBreakerConfig.builder()
            .countWindow(20).minimumCalls(10).failureRateThreshold(50).build(), clock, BreakerListener.NONE);
    private final RetryBudget budget = new RetryBudget(
            RetryBudgetConfig.builder().ratio(0.1).minRetriesPerSecond(0.5).build(), ticker);
    private final RetryPolicy policy = new RetryPolicy(RetryConfig.defaults(),
            new Backoff(BackoffConfig.defaults(), new SplittableRandom(7)));
    private int upstreamCalls;

    private void advance(Duration d) {
        ticker.advance(d);
        clock.advance(d);
    }

    /** One client request: returns "ok", "short-circuited", or the reason retrying stopped. */
    private String handle(IntSupplier upstream) {
        Deadline deadline = Deadline.of(TimeoutTier.INTERACTIVE, ticker);
        budget.onRequest();
        for (int retries = 0; ; retries++) {
            if (!(limiter.reserve(500) instanceof Granted granted)) return "throttled";
            if (!bulkhead.tryAcquire()) { granted.reservation().cancel(); return "bulkhead-full"; }
            if (!breaker.tryAcquire()) {
                bulkhead.release();
                granted.reservation().cancel();
                return "short-circuited";
            }
            upstreamCalls++;
            int status = upstream.getAsInt();
            advance(CALL_TIME);
            bulkhead.release();
            granted.reservation().settle(status == 200 ? 420 : 0);
            AttemptOutcome outcome = AttemptOutcome.status(status);
            breaker.onOutcome(outcome, CALL_TIME);
            if (outcome.succeeded()) return "ok";
            RetryDecision decision = policy.decide(outcome, retries, deadline, budget);
            if (!decision.retry()) return decision.reason().name();
            advance(decision.delay());
        }
    }

    @Test
    void flakyUpstreamSucceedsOnTheThirdAttempt() {
        int[] script = {503, 529, 200};
        int[] next = {0};
        assertThat(handle(() -> script[next[0]++])).isEqualTo("ok");
        assertThat(upstreamCalls).isEqualTo(3);
        assertThat(bulkhead.inFlight()).isZero();
        // Two failed attempts refunded their 500-token estimates; the success was charged 420.
        assertThat(limiter.availableTokens()).isBetween(1_000_000L - 420, 1_000_000L);
    }

    @Test
    void deadUpstreamIsShieldedByBudgetAndBreaker() {
        int requests = 200;
        int shortCircuited = 0;
        for (int i = 0; i < requests; i++) {
            advance(Duration.ofMillis(100));
            if (handle(() -> 503).equals("short-circuited")) shortCircuited++;
        }
        // Naive retries would make 3 × 200 = 600 upstream calls; the breaker opens after 10.
        assertThat(upstreamCalls).isLessThanOrEqualTo(20);
        assertThat(shortCircuited).isGreaterThanOrEqualTo(requests - 20);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(bulkhead.inFlight()).isZero();
        assertThat(limiter.availableRequests()).isGreaterThan(9_900); // short-circuited calls gave their request back
    }

    @Test
    void serverHintLongerThanTheDeadlineAllowsEndsTheRequest() {
        Deadline deadline = Deadline.of(TimeoutTier.INTERACTIVE, ticker); // 60 s
        budget.onRequest();
        advance(CALL_TIME);
        Duration hint = RetryAfter.parse(Map.of("retry-after", "59"), clock).orElseThrow();
        RetryDecision tooLong = policy.decide(AttemptOutcome.status(429).withServerHint(hint), 0, deadline, budget);
        assertThat(tooLong.reason()).isEqualTo(RetryDecision.Reason.DEADLINE_TOO_CLOSE); // 59 s + 1 s > 59.8 s left

        Duration shorter = RetryAfter.parse(Map.of("retry-after-ms", "2500"), clock).orElseThrow();
        RetryDecision fits = policy.decide(AttemptOutcome.status(429).withServerHint(shorter), 0, deadline, budget);
        assertThat(fits).isEqualTo(RetryDecision.retryAfter(Duration.ofMillis(2500)));
    }
}
