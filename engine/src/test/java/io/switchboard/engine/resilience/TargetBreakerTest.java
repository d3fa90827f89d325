package io.switchboard.engine.resilience;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetBreakerTest {
    private static final Duration FAST = Duration.ofMillis(200);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> transitions = new ArrayList<>();
    private final BreakerListener recorder = (target, from, to) -> transitions.add(target + ":" + from + "->" + to);

    private final TargetBreakerConfig config = TargetBreakerConfig.builder()
            .failureRateThreshold(50).countWindow(10).minimumCalls(4)
            .waitInOpen(Duration.ofSeconds(30)).probesInHalfOpen(2)
            .slowCallDuration(Duration.ofSeconds(5)).slowCallRateThreshold(100).build();

    private TargetBreaker breaker() {
        return new TargetBreaker("openai/gpt-4o", config, clock, recorder);
    }

    private static void call(TargetBreaker breaker, boolean ok) {
        assertThat(breaker.tryAcquire()).isTrue();
        if (ok) breaker.onSuccess(FAST); else breaker.onFailure(FAST);
    }

    private void tripOpen(TargetBreaker breaker) {
        call(breaker, true);
        call(breaker, false);
        call(breaker, false);
        call(breaker, true); // 2 of 4 failed = 50 %
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void staysClosedBelowMinimumCallsAndBelowThreshold() {
        TargetBreaker fewCalls = breaker();
        call(fewCalls, false);
        call(fewCalls, false);
        call(fewCalls, false); // 100 % failures but only 3 calls
        assertThat(fewCalls.state()).isEqualTo(BreakerState.CLOSED);

        TargetBreaker belowThreshold = breaker();
        for (int i = 0; i < 4; i++) call(belowThreshold, true);
        for (int i = 0; i < 3; i++) call(belowThreshold, false); // 3 of 7 = 43 %
        assertThat(belowThreshold.state()).isEqualTo(BreakerState.CLOSED);
        call(belowThreshold, false); // 4 of 8 = 50 %
        assertThat(belowThreshold.state()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions).containsExactly("openai/gpt-4o:CLOSED->OPEN");
    }

    @Test
    void opensAtFailureRateAndRefusesCalls() {
        TargetBreaker breaker = breaker();
        tripOpen(breaker);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(transitions).containsExactly("openai/gpt-4o:CLOSED->OPEN");
    }

    @Test
    void openToHalfOpenToClosedWithTheInjectedClock() {
        TargetBreaker breaker = breaker();
        tripOpen(breaker);

        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);

        clock.advance(Duration.ofSeconds(2));
        assertThat(breaker.tryAcquire()).isTrue(); // first probe
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue(); // second probe
        assertThat(breaker.tryAcquire()).isFalse(); // probes are limited
        breaker.onSuccess(FAST);
        breaker.onSuccess(FAST);

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(transitions).containsExactly("openai/gpt-4o:CLOSED->OPEN", "openai/gpt-4o:OPEN->HALF_OPEN",
                "openai/gpt-4o:HALF_OPEN->CLOSED");
        call(breaker, true);
    }

    @Test
    void halfOpenFallsBackToOpenWhenProbesFail() {
        TargetBreaker breaker = breaker();
        tripOpen(breaker);
        clock.advance(Duration.ofSeconds(31));
        call(breaker, false);
        call(breaker, true);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(transitions).containsExactly("openai/gpt-4o:CLOSED->OPEN", "openai/gpt-4o:OPEN->HALF_OPEN",
                "openai/gpt-4o:HALF_OPEN->OPEN");

        clock.advance(Duration.ofSeconds(31)); // a fresh wait starts at the re-open
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void opensOnSlowCallsEvenWhenTheyAllSucceed() {
        TargetBreaker breaker = breaker();
        for (int i = 0; i < 4; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onSuccess(Duration.ofSeconds(6));
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void timeWindowForgetsOldFailuresByTheInjectedClock() {
        TargetBreakerConfig timed = TargetBreakerConfig.builder().failureRateThreshold(50).timeWindow(10)
                .minimumCalls(4).build();
        TargetBreaker breaker = new TargetBreaker("t", timed, clock, recorder);
        call(breaker, false);
        call(breaker, false);
        call(breaker, false);
        clock.advance(Duration.ofSeconds(11));
        call(breaker, true); // the three failures fell out of the 10 s window
        call(breaker, false);
        call(breaker, true);
        call(breaker, true);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        call(breaker, false); // 2 of 5 in window
        call(breaker, false); // 3 of 6 = 50 %
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void outcomesMapToSuccessFailureOrIgnored() {
        TargetBreaker breaker = breaker();
        for (int status : new int[] {400, 401, 404, 422, 400, 413}) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onOutcome(AttemptOutcome.status(status), FAST);
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED); // client mistakes do not count
        for (AttemptOutcome o : List.of(AttemptOutcome.status(200), AttemptOutcome.status(503),
                AttemptOutcome.connectionError(), AttemptOutcome.status(200))) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onOutcome(o, FAST);
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void resetClosesAndClearsTheWindow() {
        TargetBreaker breaker = breaker();
        tripOpen(breaker);
        breaker.reset();
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        call(breaker, false);
        call(breaker, false);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> TargetBreakerConfig.builder().failureRateThreshold(0)).hasMessageContaining("failureRateThreshold");
        assertThatThrownBy(() -> TargetBreakerConfig.builder().slowCallRateThreshold(101)).hasMessageContaining("101");
        assertThatThrownBy(() -> TargetBreakerConfig.builder().countWindow(0)).hasMessageContaining("windowSize");
        assertThatThrownBy(() -> TargetBreakerConfig.builder().probesInHalfOpen(0)).hasMessageContaining("probesInHalfOpen");
        assertThatThrownBy(() -> TargetBreakerConfig.builder().waitInOpen(Duration.ZERO)).hasMessageContaining("waitInOpen");
    }
}
