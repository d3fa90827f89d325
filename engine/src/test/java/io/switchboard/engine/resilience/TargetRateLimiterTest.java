package io.switchboard.engine.resilience;

import io.switchboard.engine.resilience.RateLimitDecision.Granted;
import io.switchboard.engine.resilience.RateLimitDecision.Limit;
import io.switchboard.engine.resilience.RateLimitDecision.Throttled;
import io.switchboard.engine.resilience.RateLimitDecision.TooLarge;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetRateLimiterTest {
    private final FakeTicker ticker = new FakeTicker();

    private TargetRateLimiter limiter(long rpm, long tpm) {
        return new TargetRateLimiter(RateLimitConfig.builder().requestsPerMinute(rpm).tokensPerMinute(tpm)
                .maxWait(Duration.ofSeconds(5)).build(), ticker);
    }

    private static TokenReservation granted(RateLimitDecision d) {
        assertThat(d).isInstanceOf(Granted.class);
        return ((Granted) d).reservation();
    }

    @Test
    void requestBucketEmptiesAndSaysHowLongToWait() {
        TargetRateLimiter limiter = limiter(60, 0);
        for (int i = 0; i < 60; i++) granted(limiter.reserve(0));
        RateLimitDecision d = limiter.reserve(0);
        assertThat(d).isInstanceOf(Throttled.class);
        Throttled t = (Throttled) d;
        assertThat(t.limit()).isEqualTo(Limit.REQUESTS);
        assertThat(t.waitFor()).isEqualTo(Duration.ofSeconds(1)); // 60/min refills one per second

        ticker.advance(Duration.ofSeconds(1));
        granted(limiter.reserve(0));
        assertThat(limiter.reserve(0)).isInstanceOf(Throttled.class);
    }

    @Test
    void tokenBucketThrottlesAndGivesBackTheRequest() {
        TargetRateLimiter limiter = limiter(100, 6000);
        granted(limiter.reserve(5000));
        RateLimitDecision d = limiter.reserve(2000);
        assertThat(d).isInstanceOf(Throttled.class);
        assertThat(((Throttled) d).limit()).isEqualTo(Limit.TOKENS);
        assertThat(((Throttled) d).waitFor()).isEqualTo(Duration.ofSeconds(10)); // 1000 missing at 100 tokens/s
        assertThat(limiter.availableRequests()).isEqualTo(99); // the throttled call's request was returned
    }

    @Test
    void settleRefundsOverestimates() {
        TargetRateLimiter limiter = limiter(0, 10_000);
        TokenReservation r = granted(limiter.reserve(4000));
        assertThat(limiter.availableTokens()).isEqualTo(6000);
        r.settle(1000);
        assertThat(limiter.availableTokens()).isEqualTo(9000);
        r.settle(0); // only the first settle counts
        assertThat(limiter.availableTokens()).isEqualTo(9000);
    }

    @Test
    void settleChargesUnderestimatesEvenIntoDebt() {
        TargetRateLimiter limiter = limiter(0, 10_000);
        TokenReservation r = granted(limiter.reserve(9000));
        r.settle(12_000);
        assertThat(limiter.availableTokens()).isEqualTo(-2000);
        RateLimitDecision d = limiter.reserve(0); // debt holds back even calls of unknown size
        assertThat(d).isInstanceOf(Throttled.class);
        ticker.advance(Duration.ofSeconds(13)); // +2166 tokens at 10 000/min: out of debt
        granted(limiter.reserve(100));
    }

    @Test
    void cancelReturnsRequestAndTokens() {
        TargetRateLimiter limiter = limiter(10, 1000);
        TokenReservation r = granted(limiter.reserve(300));
        r.cancel();
        assertThat(limiter.availableRequests()).isEqualTo(10);
        assertThat(limiter.availableTokens()).isEqualTo(1000);
        r.settle(5000); // cancelled: settle has no effect
        assertThat(limiter.availableTokens()).isEqualTo(1000);
    }

    @Test
    void estimateBeyondCapacityIsTooLargeNotThrottled() {
        TargetRateLimiter limiter = limiter(10, 1000);
        assertThat(limiter.reserve(1001)).isEqualTo(new TooLarge(1001, 1000));
        assertThat(limiter.availableRequests()).isEqualTo(10);
    }

    @Test
    void unlimitedConfigAlwaysGrants() {
        TargetRateLimiter limiter = limiter(0, 0);
        for (int i = 0; i < 10_000; i++) granted(limiter.reserve(1_000_000)).settle(5);
        assertThat(limiter.availableTokens()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void openAiHeadersLowerTheBuckets() {
        TargetRateLimiter limiter = limiter(60, 150_000);
        limiter.observe(Map.of("x-ratelimit-remaining-requests", "3", "x-ratelimit-remaining-tokens", "1000"));
        assertThat(limiter.availableRequests()).isEqualTo(3);
        assertThat(limiter.availableTokens()).isEqualTo(1000);
        assertThat(limiter.reserve(2000)).isInstanceOf(Throttled.class);
    }

    @Test
    void anthropicHeadersLowerTheBucketsUsingTheLowestTokenFigure() {
        TargetRateLimiter limiter = limiter(1000, 96_000);
        limiter.observe(Map.of("Anthropic-RateLimit-Requests-Remaining", "500",
                "anthropic-ratelimit-tokens-remaining", "40000",
                "anthropic-ratelimit-input-tokens-remaining", "30000",
                "anthropic-ratelimit-output-tokens-remaining", "1000"));
        assertThat(limiter.availableRequests()).isEqualTo(500);
        assertThat(limiter.availableTokens()).isEqualTo(30_000);
    }

    @Test
    void headersNeverRaiseABucketAndMalformedOnesAreIgnored() {
        TargetRateLimiter limiter = limiter(60, 1000);
        granted(limiter.reserve(900));
        limiter.observe(Map.of("x-ratelimit-remaining-requests", "5000", "x-ratelimit-remaining-tokens", "lots"));
        assertThat(limiter.availableRequests()).isEqualTo(59);
        assertThat(limiter.availableTokens()).isEqualTo(100);
    }

    @Test
    void worthWaitingHonoursConfigMaxWaitAndDeadline() {
        TargetRateLimiter waiting = limiter(60, 0);
        Deadline deadline = Deadline.after(Duration.ofSeconds(3), ticker);
        assertThat(waiting.worthWaiting(Duration.ofSeconds(2), deadline)).isTrue();
        assertThat(waiting.worthWaiting(Duration.ofSeconds(6), Deadline.after(Duration.ofMinutes(1), ticker))).isFalse();
        assertThat(waiting.worthWaiting(Duration.ofMillis(3500), deadline)).isFalse();

        TargetRateLimiter fallingBack = new TargetRateLimiter(RateLimitConfig.builder().requestsPerMinute(60)
                .onLimit(RateLimitConfig.OnLimit.FALLBACK).build(), ticker);
        assertThat(fallingBack.worthWaiting(Duration.ofMillis(1), deadline)).isFalse();
    }

    @Test
    void concurrentReservationsNeverOverdrawTheBucket() throws Exception {
        TargetRateLimiter limiter = limiter(500, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger granted = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) if (limiter.reserve(0) instanceof Granted) granted.incrementAndGet();
            }));
        }
        for (Future<?> f : done) f.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(granted.get()).isEqualTo(500); // the ticker stands still, so no refill
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> RateLimitConfig.builder().requestsPerMinute(-1)).hasMessageContaining("requestsPerMinute");
        assertThatThrownBy(() -> RateLimitConfig.builder().maxWait(Duration.ofSeconds(-1))).hasMessageContaining("maxWait");
        assertThatThrownBy(() -> limiter(1, 1).reserve(-5)).hasMessageContaining("-5");
    }

    @Test
    void theHighestAcceptedLimitStillBuildsAWorkingBucket() {
        TargetRateLimiter limiter = limiter(RateLimitConfig.MAX_PER_MINUTE, RateLimitConfig.MAX_PER_MINUTE);
        granted(limiter.reserve(1_000_000));
        assertThatThrownBy(() -> RateLimitConfig.builder().tokensPerMinute(RateLimitConfig.MAX_PER_MINUTE + 1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokensPerMinute");
    }
}
